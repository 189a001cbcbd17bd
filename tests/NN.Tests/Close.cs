using System;
using System.Linq;
using Segment.Runtime;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>Element-wise comparisons that report the worst element, its index and both values.</summary>
internal static class Close
{
    /// <summary>|actual - expected| &lt;= atol + rtol * |expected| everywhere, same shape.</summary>
    public static void Assert(Tensor expected, Tensor actual, double atol, double rtol, string what)
    {
        Xunit.Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        double[] e = ToDoubles(expected), a = ToDoubles(actual);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double diff = Math.Abs(a[i] - e[i]);
            double excess = diff - (atol + rtol * Math.Abs(e[i]));
            if (double.IsNaN(diff) && !(double.IsNaN(a[i]) && double.IsNaN(e[i])))
                excess = double.PositiveInfinity;
            if (excess > worstExcess)
            {
                worstExcess = excess;
                worst = i;
            }
        }
        if (worst >= 0)
            Xunit.Assert.Fail($"{what}: element {worst} is {a[worst]:R}, expected {e[worst]:R} (|diff| {Math.Abs(a[worst] - e[worst]):E3}, atol {atol:E1}, rtol {rtol:E1})");
    }

    /// <summary>Bit-for-bit equal values and shape.</summary>
    public static void Equal(Tensor expected, Tensor actual, string what) => Assert(expected, actual, 0, 0, what);

    public static double MaxAbsDiff(Tensor a, Tensor b) => ToDoubles(a).Zip(ToDoubles(b), (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();

    public static double[] ToDoubles(Tensor t)
    {
        using Tensor c = t.detach().to(torch.CPU).to(ScalarType.Float64).contiguous();
        return c.data<double>().ToArray();
    }
}
