using System;
using System.IO;

namespace Segment.TestSupport;

/// <summary>Locates the repository from a test's output folder, so tests find oracles and snapshots.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds Dsl.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>tests/oracles: the Python scripts run by Debian's python3-torch.</summary>
    public static string Oracles => Path.Combine(Root, "tests", "oracles");

    /// <summary>A fresh temporary folder, removed by the OS's tmp cleaning, never by a test's success.</summary>
    public static string NewTempDirectory(string prefix)
    {
        string dir = Path.Combine(Path.GetTempPath(), "segment-tests", prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "Dsl.sln")))
                return dir;
            dir = Path.GetDirectoryName(dir);
        }
        throw new InvalidOperationException("Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
