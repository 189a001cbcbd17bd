using Segment.Generator.Families;

namespace Segment.Generator;

/// <summary>Names of the incremental pipeline steps, so tests can assert what was cached: "{Family}.Parse", "{Family}.Shapes", "{Family}.RegistryEntries".</summary>
internal static class TrackingNames
{
    public const string U2NetParse = "U2Net.Parse";
    public const string U2NetShapes = "U2Net.Shapes";
    public const string U2NetRegistryEntries = "U2Net.RegistryEntries";
    public const string UNetParse = "UNet.Parse";
    public const string UNetShapes = "UNet.Shapes";
    public const string UNetRegistryEntries = "UNet.RegistryEntries";
    public const string UNetPlusPlusParse = "UNetPlusPlus.Parse";
    public const string UNetPlusPlusShapes = "UNetPlusPlus.Shapes";
    public const string UNetPlusPlusRegistryEntries = "UNetPlusPlus.RegistryEntries";
    public const string RootNamespace = "Registry.RootNamespace";

    public static string Parse(INetworkFamily family) => family.Name + ".Parse";

    public static string Shapes(INetworkFamily family) => family.Name + ".Shapes";

    public static string RegistryEntries(INetworkFamily family) => family.Name + ".RegistryEntries";
}
