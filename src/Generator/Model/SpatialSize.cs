namespace Segment.Generator.Model;

/// <summary>
/// A feature map's H x W after <see cref="Level"/> 2x2 poolings: symbolically ceil(H/2^Level) (ceil(ceil(H/2)/2)
/// = ceil(H/4), so the level says it all; likewise for floor), and concretely when the input size is declared.
/// <see cref="Doubled"/>: a floor-pooled map upsampled x2 (UNet), 2*floor(H/2^(Level+1)), before its pad to the skip.
/// </summary>
internal sealed record SpatialSize(int Level, int? Height, int? Width, PoolRounding Rounding = PoolRounding.Ceil, bool Doubled = false)
{
    public static SpatialSize Input(int? height, int? width, PoolRounding rounding = PoolRounding.Ceil) => new(0, height, width, rounding);

    /// <summary>After max_pool2d(2, 2, ceil_mode: true).</summary>
    public SpatialSize Pooled() => new(Level + 1, Height is int h ? (h + 1) / 2 : null, Width is int w ? (w + 1) / 2 : null);

    /// <summary>After max_pool2d(2, 2) in floor mode (exact when the size is divisible), keeping this size's rounding.</summary>
    public SpatialSize PooledFloor() => new(Level + 1, Height / 2, Width / 2, Rounding);

    /// <summary>After a x2 upsampling (bilinear or a stride-2 transposed conv).</summary>
    public SpatialSize Upsampled() => new(Level - 1, Height * 2, Width * 2, Rounding, Doubled: Rounding != PoolRounding.Exact);

    public string HeightText => Height?.ToString() ?? Symbol("H");

    public string WidthText => Width?.ToString() ?? Symbol("W");

    private string Symbol(string axis)
    {
        if (Doubled)
            return $"2*floor({axis}/{1L << (Level + 1)})";
        if (Level == 0)
            return axis;
        return Rounding switch
        {
            PoolRounding.Floor => $"floor({axis}/{1L << Level})",
            PoolRounding.Exact => $"{axis}/{1L << Level}",
            _ => $"ceil({axis}/{1L << Level})",
        };
    }

    public override string ToString() => HeightText + ", " + WidthText;
}
