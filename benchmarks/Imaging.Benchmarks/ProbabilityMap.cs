using System;

namespace Segment.Imaging.Benchmarks;

/// <summary>
/// A map like a saliency network's: a soft-edged blob with a wavy outline over a low, slowly varying background, as
/// grey levels. Deterministic, so every run encodes the same bytes.
/// </summary>
public static class ProbabilityMap
{
    public static byte[] Levels(int side)
    {
        var levels = new byte[side * side];
        double c = side / 2.0;
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                double angle = Math.Atan2(y - c, x - c), radius = side * (0.28 + 0.04 * Math.Sin(5 * angle));
                double distance = Math.Sqrt((x - c) * (x - c) + (y - c) * (y - c));
                double p = 1 / (1 + Math.Exp((distance - radius) / 6)) * 0.9 + 0.05 * (1 + Math.Sin(x / 37.0) * Math.Cos(y / 53.0));
                levels[y * side + x] = (byte)Math.Round(Math.Clamp(p, 0, 1) * 255);
            }
        }
        return levels;
    }
}
