using System;

namespace Segment.Runtime;

/// <summary>
/// A (height, width) pair of ints for kernel sizes, strides, paddings and output sizes. Implicit
/// conversions let callers write PyTorch's forms: <c>3</c>, <c>(3, 1)</c> or <c>new long[] { 3, 1 }</c>.
/// </summary>
public readonly record struct Size2D(long H, long W)
{
    public static implicit operator Size2D(int v) => new(v, v);
    public static implicit operator Size2D(long v) => new(v, v);
    public static implicit operator Size2D((int h, int w) v) => new(v.h, v.w);
    public static implicit operator Size2D((long h, long w) v) => new(v.h, v.w);

    public static implicit operator Size2D(long[] v)
    {
        var (h, w) = Pair2D.FromArray(v);
        return new(h, w);
    }

    public static implicit operator Size2D(int[] v)
    {
        var (h, w) = Pair2D.FromArray(v);
        return new(h, w);
    }

    public override string ToString() => $"({H}, {W})";
}

/// <summary>A (height, width) pair of scale factors: <c>2.0</c>, <c>(2.0, 0.5)</c> or <c>new double[] { 2, 2 }</c>.</summary>
public readonly record struct Scale2D(double H, double W)
{
    public static implicit operator Scale2D(double v) => new(v, v);
    public static implicit operator Scale2D((double h, double w) v) => new(v.h, v.w);

    public static implicit operator Scale2D(double[] v)
    {
        var (h, w) = Pair2D.FromArray(v);
        return new(h, w);
    }

    public override string ToString() => $"({H}, {W})";
}

/// <summary>What the array conversions of <see cref="Size2D"/> and <see cref="Scale2D"/> share: one value for both, or (height, width).</summary>
internal static class Pair2D
{
    public static (T H, T W) FromArray<T>(T[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return v.Length switch
        {
            1 => (v[0], v[0]),
            2 => (v[0], v[1]),
            _ => throw new ArgumentException($"expected 1 or 2 values, got {v.Length}", nameof(v)),
        };
    }
}
