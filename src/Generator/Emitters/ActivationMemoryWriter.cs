using System.Linq;
using Segment.Generator.Model;
using Segment.Generator.Shapes;

namespace Segment.Generator.Emitters;

/// <summary>
/// Writes <c>Summary.PeakActivationBytes(batch, height, width)</c>: the <see cref="ActivationPeak"/> as arithmetic on
/// the input size, one product per resolution, so a caller can refuse an input before libtorch runs out of memory.
/// </summary>
internal static class ActivationMemoryWriter
{
    public static void Write(IndentedWriter w, ActivationPeak peak)
    {
        w.Line("/// <summary>");
        w.Line("/// Estimated peak memory of the feature maps (float32) in an eval-mode forward without gradients, in bytes, for a");
        w.Line($"/// batch x C x height x width input: the maps alive together at the busiest step (while computing {peak.AfterStep}),");
        w.Line("/// from the shapes above and the order the generated forward disposes its intermediates. Weights are not included;");
        w.Line("/// training keeps every activation for the backward pass and needs several times more.");
        w.Line("/// </summary>");
        w.Line("public static double PeakActivationBytes(long batch, long height, long width) =>");
        string[] products = peak.Terms.Select(t => $"{t.Channels}.0 * {Side(t.Size, "height")} * {Side(t.Size, "width")}").ToArray();
        for (int i = 0; i < products.Length; i++)
        {
            string line = i == 0 ? $"    4.0 * batch * ({products[0]}" : $"        + {products[i]}";
            w.Line(i == products.Length - 1 ? line + ");" : line);
        }
    }

    // The side of a map at its level, as the forward's poolings and upsamplings compute it.
    private static string Side(SpatialSize size, string axis)
    {
        long d = 1L << size.Level;
        if (size.Doubled)
            return $"(2 * ({axis} / {2 * d}))";
        if (size.Level == 0)
            return axis;
        return size.Rounding == PoolRounding.Ceil ? $"(({axis} + {d - 1}) / {d})" : $"({axis} / {d})";
    }
}
