using System;
using System.Linq;
using Segment.Runtime;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>Element-wise comparison of a C# result with the PyTorch one, with a message that says where they differ.</summary>
public static class Close
{
    /// <summary>|a - e| &lt;= atol + rtol * |e| for every element, and equal shapes.</summary>
    public static void Assert(Tensor expected, Tensor actual, double atol, double rtol, string what)
    {
        Xunit.Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], PyTorch [{string.Join(", ", expected.shape)}]");
        double[] e = Doubles(expected), a = Doubles(actual);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < e.Length; i++)
        {
            double excess = Math.Abs(a[i] - e[i]) - (atol + rtol * Math.Abs(e[i]));
            if (double.IsNaN(a[i]) != double.IsNaN(e[i]))
                excess = double.PositiveInfinity;
            if (excess > worst) { worst = excess; worstAt = i; }
        }
        if (worstAt >= 0)
            Xunit.Assert.Fail($"{what}: element {worstAt} is {a[worstAt]}, PyTorch {e[worstAt]} (tolerance {atol} + {rtol}*|e|)");
    }

    /// <summary>The largest absolute difference, for reporting.</summary>
    public static double MaxAbsDiff(Tensor expected, Tensor actual)
    {
        double[] e = Doubles(expected), a = Doubles(actual);
        double m = 0;
        for (int i = 0; i < e.Length; i++) m = Math.Max(m, Math.Abs(a[i] - e[i]));
        return m;
    }

    private static double[] Doubles(Tensor t)
    {
        using Tensor d = t.detach().cpu().to(ScalarType.Float64).contiguous();
        return d.data<double>().ToArray();
    }
}
