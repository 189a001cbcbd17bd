using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Segment.Runtime.NN;

/// <summary>
/// Refuses an input whose feature maps cannot fit in memory, before libtorch starts allocating them: a 4000 x 4000
/// image through u2netp needs about 22 GB, and without this check it grows until the kernel's OOM killer ends the
/// process (or the machine swaps). The estimate is the generator's <see cref="ISegmentationNetwork.PeakActivationBytes"/>;
/// the limit is the memory available now (Linux: MemAvailable, and the cgroup's limit where one is set), or
/// <c>SEGMENT_MEMORY_LIMIT_MB</c> where the user sets one.
/// </summary>
public static class MemoryBudget
{
    /// <summary>
    /// What the estimate is multiplied by: it counts the feature maps only, and measured peaks of u2netp at 1024 x 1024
    /// and 1600 x 1600 ran about 10% above it (libtorch's convolution workspace, allocator slack).
    /// </summary>
    public const double Margin = 1.25;

    /// <summary>Added for the process itself (runtime, libtorch, weights): about what a 320 x 320 u2netp run uses besides its maps.</summary>
    public const long ProcessOverheadBytes = 512L << 20;

    /// <summary>Environment variable: the memory (in MiB) the activations may use, instead of what the system says is available.</summary>
    public const string LimitVariable = "SEGMENT_MEMORY_LIMIT_MB";

    /// <summary>
    /// A training step keeps every feature map of the forward for the backward pass, and the backward adds their
    /// gradients: the peaks of `segment bench --model u2netp --train --batch 4` at 128 x 128 and 256 x 256 ran at
    /// 5.1 and 4.3 times the eval-mode estimate (after the process's own 250 MB). The parameters add
    /// <see cref="TrainingBytesPerParameter"/> each.
    /// </summary>
    public const double TrainingFactor = 4.5;

    /// <summary>A parameter's float32 value, its gradient and Adam's two moments.</summary>
    public const int TrainingBytesPerParameter = 16;

    /// <summary>Throws an <see cref="ArgumentException"/> (estimate, limit, what to do) when an eval forward of <paramref name="shape"/> cannot fit.</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="shape">The input's [N, C, H, W].</param>
    public static void ThrowIfTooLarge(ISegmentationNetwork network, long[] shape) => ThrowIfOver(network, shape, 1, 0,
        "input", "by the generator's eval-mode estimate", "use a smaller input or batch");

    /// <summary>
    /// How many eval forwards of <paramref name="shape"/> can run at once, up to <paramref name="wanted"/> (at least 1):
    /// each needs its feature maps (the generator's estimate, with margin) beside the others, in the memory available
    /// after the process's own. Without an estimate or a known limit, <paramref name="wanted"/>.
    /// </summary>
    public static int ConcurrentRuns(ISegmentationNetwork network, long[] shape, int wanted) => ConcurrentRuns(network, shape, wanted, AvailableBytes());

    /// <summary>As <see cref="ConcurrentRuns(ISegmentationNetwork, long[], int)"/> in <paramref name="availableBytes"/> (null: unknown).</summary>
    public static int ConcurrentRuns(ISegmentationNetwork network, long[] shape, int wanted, long? availableBytes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        double each = shape.Length == 4 ? network.PeakActivationBytes(shape[0], shape[2], shape[3]) * Margin : double.NaN;
        if (double.IsNaN(each) || each <= 0 || availableBytes is not long available)
            return wanted;
        return (int)Math.Clamp(Math.Floor((available - ProcessOverheadBytes) / each), 1, wanted);
    }

    /// <summary>
    /// As <see cref="ThrowIfTooLarge"/> for a training step (forward, loss, backward) of batches of <paramref name="shape"/>:
    /// called before the data is loaded, so a crop that cannot train is refused before anything is allocated.
    /// </summary>
    public static void ThrowIfTooLargeToTrain(ISegmentationNetwork network, long[] shape) => ThrowIfOver(network, shape, TrainingFactor, (double)(network ?? throw new ArgumentNullException(nameof(network))).TotalParameters * TrainingBytesPerParameter,
        "training batch", $"for a training step (the generator's eval-mode estimate x {TrainingFactor.ToString(CultureInfo.InvariantCulture)}) and the parameters' gradients and optimizer state", "use a smaller crop or batch");

    private static void ThrowIfOver(ISegmentationNetwork network, long[] shape, double factor, double extraBytes, string input, string estimate, string advice)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length != 4)
            return;   // the input guard names the rank problem
        double maps = network.PeakActivationBytes(shape[0], shape[2], shape[3]) * factor + extraBytes;
        double needed = maps * Margin + ProcessOverheadBytes;
        long? limit = AvailableBytes();
        if (double.IsNaN(maps) || limit is not long available || needed <= available)
            return;
        throw new ArgumentException(
            $"{network.Name}: a {string.Join(" x ", shape)} {input} needs about {FormatBytes(needed)} " +
            $"({FormatBytes(maps)} of feature maps {estimate}, with margin), more than the {FormatBytes(available)} of memory available" +
            (Environment.GetEnvironmentVariable(LimitVariable) is { Length: > 0 } ? $" ({LimitVariable})" : "") +
            "; " + advice);
    }

    /// <summary>The bytes the activations may use: <c>SEGMENT_MEMORY_LIMIT_MB</c>, else what the system has available; null if unknown.</summary>
    public static long? AvailableBytes()
    {
        string? configured = Environment.GetEnvironmentVariable(LimitVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            if (!long.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out long mb) || mb <= 0 || mb > long.MaxValue >> 20)
                throw new ArgumentException($"{LimitVariable}='{configured}' is not a positive number of MiB");
            return mb << 20;
        }
        long? system = MemAvailable();
        long? cgroup = CgroupHeadroom();
        if (system is null) return cgroup;
        if (cgroup is null) return system;
        return Math.Min(system.Value, cgroup.Value);
    }

    /// <summary>"1.4 GB", "132 MB": decimal units, as memory tools print them.</summary>
    public static string FormatBytes(double bytes) => bytes >= 1e9
        ? (bytes / 1e9).ToString("F1", CultureInfo.InvariantCulture) + " GB"
        : (bytes / 1e6).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    private static long? MemAvailable()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/meminfo"))
            return null;
        string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        string[]? parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
    }

    // cgroup v2: memory.max ("max" when unlimited) minus memory.current, for a container with a memory limit.
    private static long? CgroupHeadroom()
    {
        const string max = "/sys/fs/cgroup/memory.max", current = "/sys/fs/cgroup/memory.current";
        if (!OperatingSystem.IsLinux() || !File.Exists(max) || !File.Exists(current))
            return null;
        try
        {
            if (!long.TryParse(File.ReadAllText(max).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long limit)
                || !long.TryParse(File.ReadAllText(current).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long used))
                return null;
            return Math.Max(0, limit - used);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
