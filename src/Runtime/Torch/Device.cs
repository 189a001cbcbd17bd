using System;
using System.Globalization;

namespace Segment.Runtime;

/// <summary>Device kinds; the values are c10::DeviceType codes.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>A device: <c>Device.CPU</c>, <c>Device.CUDA(0)</c>, or parsed from "cpu" / "cuda" / "cuda:1".</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static Device CPU => new(DeviceType.CPU);

    public static Device CUDA(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>Parses PyTorch's device strings: "cpu", "cuda", "cuda:1".</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim().ToLowerInvariant();
        if (s == "cpu")
            return CPU;
        if (s == "cuda")
            return CUDA();
        if (s.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int i))
            return CUDA(i);
        throw new ArgumentException($"unknown device '{text}': expected cpu, cuda or cuda:N", nameof(text));
    }

    public override string ToString() => Type == DeviceType.CPU ? "cpu" : $"cuda:{Index}";

    /// <summary>Fails early with a clear message when CUDA is asked for but this libtorch/machine has none.</summary>
    internal void EnsureAvailable()
    {
        if (Type == DeviceType.CUDA)
        {
            int count = torch.cuda.device_count();
            if (count == 0)
                throw new TorchException($"device {this} requested, but CUDA is not available (this libtorch build or machine has no CUDA device); use Device.CPU");
            if (Index < 0 || Index >= count)
                throw new TorchException($"device {this} requested, but only {count} CUDA device(s) exist");
        }
    }
}
