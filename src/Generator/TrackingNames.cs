namespace Segment.Generator;

/// <summary>Names of the incremental pipeline steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string U2NetParse = "U2Net.Parse";
    public const string U2NetShapes = "U2Net.Shapes";
    public const string UNetParse = "UNet.Parse";
    public const string UNetShapes = "UNet.Shapes";
    public const string UNetPlusPlusParse = "UNetPlusPlus.Parse";
    public const string UNetPlusPlusShapes = "UNetPlusPlus.Shapes";
    public const string RegistryEntries = "Registry.Entries";
    public const string UNetRegistryEntries = "Registry.UNetEntries";
    public const string UNetPlusPlusRegistryEntries = "Registry.UNetPlusPlusEntries";
    public const string RootNamespace = "Registry.RootNamespace";
}
