namespace Segment.Generator.Model;

/// <summary>
/// A U²-Net after shape inference: what every emitter needs and nothing Roslyn. Built only from a
/// declaration without errors.
/// </summary>
internal sealed record U2NetModel(
    TypeDeclarationInfo Type,
    string CliName,
    int InputChannels,
    int? FixedHeight,
    int? FixedWidth,
    int OutChannels,
    double FusedLossWeight,
    int Poolings,
    EquatableArray<RsuStageModel> Encoders,
    EquatableArray<RsuStageModel> Decoders,
    EquatableArray<SideModel> Sides,
    ConvSpec OutConv,
    ForwardProgram Forward,
    TensorShape OutputShape,
    long TotalParameters)
{
    /// <summary>Smallest H and W the poolings take: 2^(deepest number of poolings).</summary>
    public int MinimumSize => 1 << Poolings;

    public bool IsMultiClass => OutChannels > 1;
}
