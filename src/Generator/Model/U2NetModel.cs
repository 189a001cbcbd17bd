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
    EquatableArray<RsuStageModel> Encoders,
    EquatableArray<RsuStageModel> Decoders,
    EquatableArray<SideModel> Sides,
    ConvSpec OutConv,
    ForwardProgram Forward,
    TensorShape OutputShape,
    long TotalParameters)
    : NetworkModel(Type, CliName)
{
    /// <summary>
    /// Smallest H and W the network takes: 1. The seeds' U²-Net runs on any size (checked against PyTorch at 1x1,
    /// 2x3 and 20x20): a ceil-mode pooling never gives an empty map (ceil(1/2) = 1), and every decoder and side
    /// resizes to its skip's or the input's size instead of doubling.
    /// </summary>
    public int MinimumSize => 1;

    public bool IsMultiClass => OutChannels > 1;
}
