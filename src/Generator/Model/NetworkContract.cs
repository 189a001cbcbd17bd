namespace Segment.Generator.Model;

/// <summary>
/// A network's public surface as data, whatever its family: what forward hands back, how it is trained and what its
/// summary says. Each family builds it from its model (Contracts/*Contract.cs); the Output, Loss, Network and Summary
/// emitters read only this, so they are written once for every family.
/// </summary>
/// <param name="Family">The runtime's <c>NetworkFamily</c> member and the attribute's name: U2Net, UNet or UNetPlusPlus.</param>
/// <param name="Heads">The output's logits in <c>ToNamedList</c> order.</param>
/// <param name="MainHead">The head <c>Predict</c> turns into probabilities (its property name).</param>
/// <param name="OutputDoc">What the output class's summary adds after "forward returns" (" (logits)", ...).</param>
/// <param name="Onnx">The ONNX export's outputs (shared by the export and the summary).</param>
/// <param name="Probabilities">The doc of an eval-mode probabilities member forward fills itself (U²-Net); null when there is none.</param>
internal sealed record NetworkContract(
    string Family,
    int InputChannels,
    int Classes,
    int? FixedHeight,
    int? FixedWidth,
    EquatableArray<OutputHead> Heads,
    string MainHead,
    string OutputDoc,
    string? Probabilities,
    LossModel Loss,
    SummaryModel Summary,
    Emitters.OnnxContract Onnx)
{
    public bool IsMultiClass => Classes > 1;
}

/// <summary>One logits tensor of the output: its name in the named list, its property and the property's doc.</summary>
internal sealed record OutputHead(string Name, string Property, string Doc)
{
    /// <summary>The C# local or parameter for it: <c>@out</c> for "out", a keyword.</summary>
    public string Local => Name == "out" ? "@out" : Name;
}
