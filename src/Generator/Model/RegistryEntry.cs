namespace Segment.Generator.Model;

/// <summary>A network the assembly-level registry can create: its command-line name and its type.</summary>
internal sealed record RegistryEntry(string CliName, string GlobalTypeName, LocationInfo? NameLocation);
