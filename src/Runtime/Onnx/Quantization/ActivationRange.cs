using System;

namespace Segment.Runtime.Onnx.Quantization;

/// <summary>The smallest and largest value a tensor took over the calibration images.</summary>
public readonly record struct ActivationRange(float Min, float Max)
{
    /// <summary>The range widened by <paramref name="values"/>.</summary>
    public ActivationRange Include(ReadOnlySpan<float> values)
    {
        float min = Min, max = Max;
        foreach (float v in values)
        {
            if (v < min)
                min = v;
            if (v > max)
                max = v;
        }
        return new ActivationRange(min, max);
    }

    /// <summary>An empty range that any value widens.</summary>
    public static ActivationRange Empty => new(float.PositiveInfinity, float.NegativeInfinity);

    /// <summary>
    /// uint8 asymmetric quantization of the range (ONNX Runtime's default for activations): the range is widened to hold
    /// 0, so zero is exact and a ReLU's output gets zero point 0; scale = (max - min) / 255.
    /// </summary>
    public (float Scale, byte ZeroPoint) Uint8()
    {
        float lo = Math.Min(0f, float.IsFinite(Min) ? Min : 0f), hi = Math.Max(0f, float.IsFinite(Max) ? Max : 0f);
        float scale = (hi - lo) / 255f;
        if (!(scale > 0f))
            return (1f, 0);
        return (scale, (byte)Math.Clamp(Math.Round(-lo / scale), 0, 255));
    }
}
