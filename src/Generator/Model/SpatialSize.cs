namespace Segment.Generator.Model;

/// <summary>
/// A feature map's H x W after <see cref="Level"/> ceil-mode poolings: symbolically ceil(H/2^Level)
/// (ceil(ceil(H/2)/2) = ceil(H/4), so the level says it all), and concretely when the input size is declared.
/// </summary>
internal sealed record SpatialSize(int Level, int? Height, int? Width)
{
    public static SpatialSize Input(int? height, int? width) => new(0, height, width);

    /// <summary>After max_pool2d(2, 2, ceil_mode: true).</summary>
    public SpatialSize Pooled() => new(Level + 1, Height is int h ? (h + 1) / 2 : null, Width is int w ? (w + 1) / 2 : null);

    public string HeightText => Height?.ToString() ?? Symbol("H");

    public string WidthText => Width?.ToString() ?? Symbol("W");

    private string Symbol(string axis) => Level == 0 ? axis : $"ceil({axis}/{1L << Level})";

    public override string ToString() => HeightText + ", " + WidthText;
}
