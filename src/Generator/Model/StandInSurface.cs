namespace Segment.Generator.Model;

/// <summary>
/// What the stand-in of a declaration with errors declares, read off the declaration by its family (there is no
/// model): the names a valid declaration's output, loss and summary would have, so code using them compiles.
/// </summary>
/// <param name="Attribute">The family's attribute name, for the header and the docs.</param>
/// <param name="InputChannels">As declared; null when the declaration does not say (the stand-in's Summary throws for it).</param>
/// <param name="Heads">The output's logits in ToNamedList order (their docs are not used).</param>
/// <param name="Probabilities">Whether the output has U²-Net's eval-mode probabilities.</param>
/// <param name="LossConstants">The loss class's constants as declared (their docs are not used).</param>
/// <param name="ClassWeights">The cross-entropy's class weights as C# literals; null for none.</param>
/// <param name="PrunedHeads">A UNet++ with deep supervision: its head count, for ForwardL1..ForwardLk; 0 otherwise.</param>
internal sealed record StandInSurface(
    TypeDeclarationInfo Type,
    string Attribute,
    string CliName,
    int? InputChannels,
    int Classes,
    EquatableArray<OutputHead> Heads,
    bool Probabilities,
    EquatableArray<LossConstant> LossConstants,
    string? ClassWeights,
    int PrunedHeads)
{
    /// <summary>Output tensors beyond this many are not spelled out (a declaration that absurd already has its error).</summary>
    public const int MaxHeads = 64;
}
