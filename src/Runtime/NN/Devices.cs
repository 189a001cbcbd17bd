using System;

namespace Segment.Runtime.NN;

/// <summary>Devices by PyTorch's names, with a clear error where CUDA is asked for but absent.</summary>
public static class Devices
{
    /// <summary>
    /// "cpu", "cuda" or "cuda:N" as a TorchSharp device, checked to exist: asking for CUDA where
    /// <c>torch.cuda.is_available()</c> is false (a CPU backend package, no GPU) is an
    /// <see cref="ArgumentException"/> saying so, never a native crash.
    /// </summary>
    public static Device Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string s = name.Trim().ToLowerInvariant();
        if (s == "cpu")
            return torch.CPU;
        int index = 0;
        bool cuda = s == "cuda" || (s.StartsWith("cuda:", StringComparison.Ordinal)
                                   && int.TryParse(s.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index));
        if (!cuda)
            throw new ArgumentException($"unknown device '{name}': expected cpu, cuda or cuda:N", nameof(name));
        if (!torch.cuda.is_available())
            throw new ArgumentException($"device '{name}' requested, but CUDA is not available (no GPU, or the libtorch backend package is CPU-only: reference a CUDA backend such as TorchSharp-cuda-linux); use cpu", nameof(name));
        int count = torch.cuda.device_count();
        if (index >= count)
            throw new ArgumentException($"device '{name}' requested, but only {count} CUDA device(s) exist", nameof(name));
        return new Device(DeviceType.CUDA, index);
    }
}
