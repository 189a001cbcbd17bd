namespace Segment.Generator.Model;

/// <summary>An NCHW feature map's shape: channels and spatial size (N stays symbolic).</summary>
internal sealed record TensorShape(int Channels, SpatialSize Size)
{
    public TensorShape WithChannels(int channels) => this with { Channels = channels };

    public override string ToString() => $"[N, {Channels}, {Size}]";
}
