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
    public string BlockName => Kind switch
    {
        UNetBlockKind.InConv => "DoubleConv",
        UNetBlockKind.Down => "Down",
        UNetBlockKind.Up => "Up",
        _ => "conv 1x1",
    };
}
