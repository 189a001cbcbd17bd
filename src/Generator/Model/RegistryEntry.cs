namespace Segment.Generator.Model;

/// <summary>A network the assembly-level registry can create: its command-line name and its type.</summary>
/// <param name="Invalid">A stand-in for a declaration with errors: listed so uses of the registry compile, dropped silently on a name clash.</param>
internal sealed record RegistryEntry(string CliName, string GlobalTypeName, LocationInfo? NameLocation, bool Invalid = false);
