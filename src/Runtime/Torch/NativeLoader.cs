using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segment.Runtime;

/// <summary>
/// Finds libsegment_torch.so next to this assembly (where the build copies it) or under
/// runtimes/linux-x64/native (where a NuGet package puts it), so no LD_LIBRARY_PATH is needed.
/// SEGMENT_TORCH_NATIVE overrides the path (for a shim built against another libtorch).
/// </summary>
internal static class NativeLoader
{
#pragma warning disable CA2255 // A module initializer is the one place that runs before any P/Invoke of this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library)
            return IntPtr.Zero;
        string? overridePath = Environment.GetEnvironmentVariable("SEGMENT_TORCH_NATIVE");
        if (!string.IsNullOrEmpty(overridePath))
            return NativeLibrary.Load(overridePath);
        string dir = Path.GetDirectoryName(assembly.Location) is { Length: > 0 } d ? d : AppContext.BaseDirectory;
        foreach (string candidate in new[]
                 {
                     Path.Combine(dir, "libsegment_torch.so"),
                     Path.Combine(dir, "runtimes", "linux-x64", "native", "libsegment_torch.so"),
                     Path.Combine(AppContext.BaseDirectory, "libsegment_torch.so"),
                 })
        {
            if (File.Exists(candidate))
                return NativeLibrary.Load(candidate);
        }
        return IntPtr.Zero; // fall back to the default probing (LD_LIBRARY_PATH, system folders)
    }
}
