using System.Collections.Immutable;

namespace Segment.Generator.Model;

/// <summary>A network the assembly-level registry can create: its command-line name and its type.</summary>
/// <param name="Invalid">A stand-in for a declaration with errors: listed so uses of the registry compile, dropped silently on a name clash.</param>
internal sealed record RegistryEntry(string CliName, string GlobalTypeName, LocationInfo? NameLocation, bool Invalid = false);

/// <summary>
/// The registry's entries, compared by value. A class rather than the collected ImmutableArray: the pipeline's
/// Combine steps then pair references only, whose code the runtime shares instead of compiling anew for this
/// generator's first run, and an unchanged list stops the pipeline.
/// </summary>
internal sealed record RegistryEntries(EquatableArray<RegistryEntry> Items)
{
    public RegistryEntries(ImmutableArray<RegistryEntry> items) : this(new EquatableArray<RegistryEntry>(items))
    {
    }

    /// <summary>These entries, then <paramref name="other"/>'s.</summary>
    public RegistryEntries Concat(RegistryEntries other)
    {
        if (other.Items.Count == 0)
            return this;
        if (Items.Count == 0)
            return other;
        var all = new RegistryEntry[Items.Count + other.Items.Count];
        for (int i = 0; i < Items.Count; i++)
            all[i] = Items[i];
        for (int i = 0; i < other.Items.Count; i++)
            all[Items.Count + i] = other.Items[i];
        return new RegistryEntries(new EquatableArray<RegistryEntry>(ImmutableArray.Create(all)));
    }
}
