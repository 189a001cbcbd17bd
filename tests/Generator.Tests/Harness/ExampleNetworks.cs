using System.IO;
using System.Linq;
using Segment.TestSupport;

namespace Segment.Generator.Tests.Harness;

/// <summary>The declarations in examples/Networks, read from disk so the tests check exactly what users build.</summary>
internal static class ExampleNetworks
{
    /// <summary>Every declaration in examples/Networks (one class per file, named as the file), so a new example gets its snapshots.</summary>
    public static readonly string[] Names = System.IO.Directory.GetFiles(Directory, "*.cs")
        .Select(Path.GetFileNameWithoutExtension)
        .Select(n => n!)
        .OrderBy(n => n, System.StringComparer.Ordinal)
        .ToArray();

    /// <summary>U²-Net examples (U2Net*) as opposed to the UNet families (UNet*).</summary>
    public static bool IsU2Net(string name) => name.StartsWith("U2Net", System.StringComparison.Ordinal);

    public static string Directory => Path.Combine(RepoPaths.Root, "examples", "Networks");

    public static (string Path, string Text) Read(string name)
    {
        string path = Path.Combine(Directory, name + ".cs");
        return (path, File.ReadAllText(path));
    }

    public static (string Path, string Text)[] ReadAll() => Names.Select(Read).ToArray();
}
