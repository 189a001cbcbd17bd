namespace Segment.Generator.Model;

/// <summary>How one output's loss term is computed against the target.</summary>
internal enum LossCriterion
{
    /// <summary>Binary cross-entropy with logits on the mask [N, 1, H, W].</summary>
    BinaryCrossEntropy,

    /// <summary>pytorch-nested-unet's BCEDiceLoss: 0.5 BCE with logits + 1 - soft Dice.</summary>
    BceDice,

    /// <summary>Cross-entropy over class indices, as one term (with the ignore index when the model has one).</summary>
    CrossEntropy,

    /// <summary>Seed 004's criterion without Dice: <c>{o}_ce</c> (class weights, ignore index), reported, and <c>{o}</c> equal to it.</summary>
    CrossEntropyPart,

    /// <summary>Seed 004's criterion: <c>{o}_ce</c> (class weights, ignore index) and the multi-class Dice loss <c>{o}_dice</c>, each reported, summed into <c>{o}</c>.</summary>
    CrossEntropyAndDice,
}

/// <summary>How the terms of the outputs make the total.</summary>
internal enum LossTotal
{
    /// <summary>The one output's term.</summary>
    Single,

    /// <summary>Each term times its weight constant (<c>{Property}Weight</c>), summed (U²-Net's deep supervision).</summary>
    WeightedSum,

    /// <summary><c>out + AuxWeight * aux</c>.</summary>
    WithAux,

    /// <summary>The mean over the heads (UNet++'s deep supervision).</summary>
    Mean,
}

/// <summary>A <c>public const</c> of the loss class: its doc, type, name and value as C#.</summary>
internal sealed record LossConstant(string Doc, string Type, string Name, string Value);

/// <summary>
/// The generated loss class of a network: its doc, constants, one term per output head (in the output's order) and
/// how they add up. <see cref="Emitters.LossEmitter"/> writes it for every family.
/// </summary>
/// <param name="Doc">The class summary's lines.</param>
/// <param name="TermKind">What one term is per ("output", "head"), for the docs.</param>
/// <param name="TargetDoc">What the target is ("the mask [N, 1, H, W] ...").</param>
/// <param name="ClassWeights">Per-class weights of the cross-entropy; empty for none.</param>
/// <param name="IgnoreIndex">The target value the cross-entropy skips; null when it skips none.</param>
internal sealed record LossModel(
    EquatableArray<string> Doc,
    string TermKind,
    string TargetDoc,
    LossCriterion Criterion,
    LossTotal Total,
    EquatableArray<LossConstant> Constants,
    EquatableArray<double> ClassWeights,
    int? IgnoreIndex,
    int Classes)
{
    /// <summary>The target of a one-class network, for <see cref="TargetDoc"/>.</summary>
    public const string MaskTarget = "the mask [N, 1, H, W] (float, 0..1)";
}
