using System;
using Segment.Runtime;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>Element-wise comparison of tensors with a message that says where they differ.</summary>
public static class TensorAssert
{
    /// <summary>
    /// Same dtype, same shape, and every element within <c>atol + rtol * |expected|</c>
    /// (exact for integer and bool tensors; NaN equals NaN).
    /// </summary>
    public static void Close(Tensor expected, Tensor actual, string what, double atol = 1e-5, double rtol = 1e-5)
    {
        Assert.True(expected.dtype == actual.dtype, $"{what}: dtype {actual.dtype}, expected {expected.dtype}");
        Assert.True(expected.shape.AsSpan().SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        bool exact = !expected.dtype.IsFloatingPoint();
        using var e64 = expected.detach().to(ScalarType.Float64).DetachFromDisposeScope();
        using var a64 = actual.detach().to(ScalarType.Float64).DetachFromDisposeScope();
        double[] e = e64.ToDoubleArray(), a = a64.ToDoubleArray();
        Assert.True(e.Length > 0 || actual.numel == 0, $"{what}: empty");
        int bad = 0, first = -1;
        double worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) && double.IsNaN(a[i])) continue;
            double diff = Math.Abs(e[i] - a[i]);
            bool ok = exact ? diff == 0 : diff <= atol + rtol * Math.Abs(e[i]);
            if (!ok)
            {
                bad++;
                if (first < 0) first = i;
            }
            if (!(diff <= worst)) worst = diff;
        }
        Assert.True(bad == 0,
            $"{what}: {bad} of {e.Length} elements differ (max |diff| {worst:G6}); first at flat index {first}: {a[Math.Max(first, 0)]:G9} vs expected {e[Math.Max(first, 0)]:G9}");
    }
}
