using System.IO;
using System.Linq;
using Segment.TestSupport;

namespace Segment.Generator.Tests.Harness;

/// <summary>The declarations in examples/Networks, read from disk so the tests check exactly what users build.</summary>
internal static class ExampleNetworks
{
    public static readonly string[] Names =
    {
        "U2Net", "U2NetLite", "U2NetSmall4", "U2NetMultiClass",
        "UNet", "UNetTransposed", "UNet32", "UNetAux", "UNetPlusPlus", "UNetPlusPlusDeep", "UNetPlusPlusMultiClass",
    };

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
