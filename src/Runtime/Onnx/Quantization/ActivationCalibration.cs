using System;
using System.Collections.Generic;

namespace Segment.Runtime.Onnx.Quantization;

/// <summary>
/// The ranges of the values <see cref="QdqQuantizer.TensorsToCalibrate"/> names, widened by every calibration run
/// (min / max over all images, ONNX Runtime's default "MinMax" calibration).
/// </summary>
public sealed class ActivationCalibration
{
    private readonly Dictionary<string, ActivationRange> ranges = new(StringComparer.Ordinal);

    public ActivationCalibration(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
        foreach (string name in names)
            ranges[name] = ActivationRange.Empty;
    }

    /// <summary>The values to observe, in the order a run returns them after output 0.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Runs observed so far.</summary>
    public int Runs { get; private set; }

    public IReadOnlyDictionary<string, ActivationRange> Ranges => ranges;

    /// <summary>Widens <paramref name="name"/>'s range by one run's <paramref name="values"/>.</summary>
    public void Observe(string name, ReadOnlySpan<float> values) => ranges[name] = ranges[name].Include(values);

    /// <summary>Counts a run whose values have all been observed.</summary>
    public void CompleteRun() => Runs++;
}
