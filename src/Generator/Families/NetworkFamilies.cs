namespace Segment.Generator.Families;

/// <summary>Every family the generator knows, in the order their registry entries are listed.</summary>
internal static class NetworkFamilies
{
    public static readonly INetworkFamily[] All = { new U2NetFamily(), new UNetFamily(), new UNetPlusPlusFamily() };
}
