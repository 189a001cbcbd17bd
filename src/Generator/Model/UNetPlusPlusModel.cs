namespace Segment.Generator.Model;

/// <summary>A node X(i, j) of a UNet++: the VGG block conv{i}_{j} (in, mid = out = filters[i]) and its shapes.</summary>
internal sealed record NestedNodeModel(int Row, int Column, int InChannels, int OutChannels, TensorShape InputShape, TensorShape OutputShape, long Parameters)
{
    /// <summary>The child's name and the local holding its output: conv{i}_{j} and x{i}_{j}.</summary>
    public string ModuleName => $"conv{Row}_{Column}";

    public string Local => $"x{Row}_{Column}";
}

/// <summary>
/// A UNet++ after shape inference. <see cref="Forward"/> computes every node by anti-diagonals (i + j = 0, 1, ...),
/// so the pruned forward for depth d is the prefix up to diagonal d; <see cref="Pruned"/> holds those (deep supervision only).
/// </summary>
internal sealed record UNetPlusPlusModel(
    TypeDeclarationInfo Type,
    string CliName,
    int InputChannels,
    int? FixedHeight,
    int? FixedWidth,
    int Classes,
    int Levels,
    bool DeepSupervision,
    int IgnoreIndex,
    bool Dice,
    EquatableArray<int> Filters,
    EquatableArray<NestedNodeModel> Nodes,
    ConvSpec Head,
    ForwardProgram Forward,
    EquatableArray<ForwardProgram> Pruned,
    TensorShape OutputShape,
    long TotalParameters)
    : NetworkModel(Type, CliName)
{
    /// <summary>H and W must be multiples of 2^Levels (up doubles exactly).</summary>
    public int Multiple => 1 << Levels;

    public int Heads => DeepSupervision ? Levels : 1;

    public bool IsMultiClass => Classes > 1;

    /// <summary>The opt-in BCEDiceLoss (one class only; several classes keep the cross-entropy).</summary>
    public bool BceDice => Dice && !IsMultiClass;

    /// <summary>Head names as outputs and children: "out"/"final", or "out1".."outL"/"final1".."finalL".</summary>
    public string OutputName(int head) => DeepSupervision ? "out" + head : "out";

    public string HeadModule(int head) => DeepSupervision ? "final" + head : "final";
}
