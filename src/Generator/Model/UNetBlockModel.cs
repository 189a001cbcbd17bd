namespace Segment.Generator.Model;

/// <summary>What a UNet block is, which decides its module type and summary name.</summary>
internal enum UNetBlockKind
{
    InConv,
    Down,
    Up,
    OutConv,
    AuxConv,
}

/// <summary>
/// One child of a UNet: in_conv, down{k}, up{k}, out_conv or aux_conv, with its channels (Mid: the
/// DoubleConv's middle; for Up the transposed conv outputs In/2), shapes and parameter count.
/// </summary>
internal sealed record UNetBlockModel(
    string Name,
    UNetBlockKind Kind,
    int InChannels,
    int MidChannels,
    int OutChannels,
    TensorShape InputShape,
    TensorShape OutputShape,
    long Parameters)
{
    /// <summary>The child path of an Up's DoubleConv, what the forward calls: "up{k}.conv".</summary>
    public static string ConvPath(string up) => up + "." + UpChild.ConvMember;

    /// <summary>The child path of an Up's transposed conv: "up{k}.up".</summary>
    public static string UpsamplePath(string up) => up + ".up";

    /// <summary>The child path of an Up's attention gate: "up{k}.attention".</summary>
    public static string AttentionPath(string up) => up + ".attention";

    /// <summary>An Up's attention gate on its skip (AttentionGates), or null.</summary>
    public AttentionGateModel? Gate { get; init; }

    public string BlockName => Kind switch
    {
        UNetBlockKind.InConv => "DoubleConv",
        UNetBlockKind.Down => "Down",
        UNetBlockKind.Up => "Up",
        _ => "conv 1x1",
    };
}

/// <summary>
/// An Up's attention gate (the runtime's AttentionGate): F_g the padded decoder map's channels, F_l the skip's, F_int = F_l / 2.
/// Parameters: W_g and W_x (1x1 conv with bias + BatchNorm to F_int), psi (1x1 conv with bias + BatchNorm to 1).
/// </summary>
internal sealed record AttentionGateModel(int GateChannels, int SkipChannels, int InnerChannels)
{
    public long Parameters =>
        (long)GateChannels * InnerChannels + InnerChannels + 2L * InnerChannels
        + (long)SkipChannels * InnerChannels + InnerChannels + 2L * InnerChannels
        + InnerChannels + 1 + 2;
}
