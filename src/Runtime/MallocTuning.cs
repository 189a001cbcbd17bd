using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segment.Runtime;

/// <summary>
/// Keeps freed activation buffers in the process heap instead of handing them back to the OS.
/// </summary>
/// <remarks>
/// A forward pass allocates and frees the same large buffers (a 64 x 320 x 320 float map is 26 MB)
/// at every call. With glibc's defaults, buffers this size are mmap'ed and munmap'ed, or trimmed
/// from the heap top, so every call pays page faults and zeroing for fresh pages: about a fifth of
/// U2Net-lite's CPU inference time. Raising the mmap threshold to its maximum (32 MB) and the trim
/// threshold well above the working set lets the next call reuse the pages. Peak memory is
/// unchanged; resident memory stays at the peak instead of falling between calls. Applied when the
/// runtime assembly loads (glibc only); set SEGMENT_MALLOC_TUNING=0 to keep glibc's defaults
/// (<c>segment bench</c> prints which is in force).
/// </remarks>
public static partial class MallocTuning
{
    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_THRESHOLD = -3;

    /// <summary>True when the thresholds were set (glibc, not turned off by SEGMENT_MALLOC_TUNING=0).</summary>
    public static bool Enabled { get; private set; }

#pragma warning disable CA2255 // a library module initializer, on purpose: the thresholds must be set before the first tensor
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (Enabled || !OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("SEGMENT_MALLOC_TUNING") == "0")
            return;
        try
        {
            Enabled = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Enabled = false; // not glibc (musl, say): the defaults stay
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
