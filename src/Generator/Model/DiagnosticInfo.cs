using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Segment.Generator.Model;

/// <summary>A diagnostic as equatable values: descriptor id, where, message arguments and properties (code fixes read those).</summary>
internal sealed record DiagnosticInfo(
    string Id,
    LocationInfo? Location,
    EquatableArray<string> MessageArgs,
    EquatableArray<PropertyEntry> Properties)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] args) =>
        new(descriptor.Id, location, args.Select(a => a?.ToString() ?? "").ToEquatableArray(), EquatableArray<PropertyEntry>.Empty);

    /// <summary>An error stops generation; a warning does not.</summary>
    public bool IsError => Diagnostics.DiagnosticDescriptors.IsError(Id);

    public DiagnosticInfo WithProperty(string key, string value) =>
        this with { Properties = Properties.Concat(new[] { new PropertyEntry(key, value) }).ToEquatableArray() };

    public Diagnostic ToDiagnostic(Compilation? compilation = null)
    {
        DiagnosticDescriptor descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
        ImmutableDictionary<string, string?> properties = Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value);
        return Diagnostic.Create(descriptor, Location?.ToLocation(compilation), properties, MessageArgs.Cast<object>().ToArray());
    }
}

/// <summary>One diagnostic property (key, value).</summary>
internal sealed record PropertyEntry(string Key, string Value);
