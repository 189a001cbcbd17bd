using System;
using System.Collections.Generic;

namespace Segment.Imaging.Report;

/// <summary>
/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, covering the data's range, so an
/// axis reads 0.2, 0.4, 0.6 rather than 0.1873, 0.3746. A range of one value is widened around
/// it, so a single epoch or a constant metric still gets an axis.
/// </summary>
internal static class ChartTicks
{
    /// <summary>Ticks from at or below <paramref name="min"/> to at or above <paramref name="max"/>, about <paramref name="target"/> of them.</summary>
    public static double[] For(double min, double max, int target = 5, bool integers = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"a range needs finite min <= max, got [{min}, {max}]");
        if (min == max)
        {
            double pad = integers ? 1 : (min == 0 ? 1 : Math.Abs(min) * 0.1);
            min -= pad;
            max += pad;
        }
        double step = NiceStep((max - min) / Math.Max(1, target));
        if (integers)
            step = Math.Max(1, Math.Round(step));
        double first = Math.Floor(min / step) * step;
        double last = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (int i = 0; first + i * step <= last + step * 1e-9; i++)
            ticks.Add(Clean(first + i * step, step));
        return [.. ticks];
    }

    /// <summary>The number of decimals that shows every tick of this step exactly (0.05 needs 2).</summary>
    public static int Decimals(double[] ticks)
    {
        if (ticks.Length < 2)
            return 0;
        double step = ticks[1] - ticks[0];
        return Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 12);
    }

    private static double NiceStep(double raw)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    // 0.1 * 3 is 0.30000000000000004: round to the step's own precision.
    private static double Clean(double value, double step)
    {
        int digits = Math.Clamp((int)Math.Ceiling(-Math.Log10(step)) + 2, 0, 15);
        double v = Math.Round(value, digits);
        return v == 0 ? 0 : v;
    }
}
