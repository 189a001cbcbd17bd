namespace Segment.Generator.Model;

/// <summary>A UNet after shape inference: what every emitter needs and nothing Roslyn. Built only from a declaration without errors.</summary>
internal sealed record UNetModel(
    TypeDeclarationInfo Type,
    string CliName,
    int InputChannels,
    int? FixedHeight,
    int? FixedWidth,
    int Classes,
    int Depth,
    bool Bilinear,
    int AuxLevel,
    EquatableArray<double> ClassWeights,
    int IgnoreIndex,
    bool Dice,
    EquatableArray<UNetBlockModel> Blocks,
    ForwardProgram Forward,
    TensorShape OutputShape,
    long TotalParameters,
    bool AttentionGates = false)
    : NetworkModel(Type, CliName)
{
    /// <summary>Smallest H and W: the floor-mode poolings must leave at least one pixel, 2^Depth.</summary>
    public int MinimumSize => 1 << Depth;

    public bool HasAux => AuxLevel > 0;

    public bool IsMultiClass => Classes > 1;
}
