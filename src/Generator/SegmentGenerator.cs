using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Diagnostics;
using Segment.Generator.Emitters;
using Segment.Generator.Families;
using Segment.Generator.Model;

namespace Segment.Generator;

/// <summary>
/// The incremental generator: for each family of <see cref="NetworkFamilies.All"/> ([U2Net], [UNet], [UNetPlusPlus]),
/// its classes -> Parser -> Shapes -> Emitters, one pipeline written once; plus the assembly's network registry. Declaration diagnostics are reported by <see cref="SegmentDiagnosticAnalyzer"/>
/// (same Parser and Shapes) so the IDE stays fast; this generator only emits. For a declaration with errors it
/// emits a stand-in whose members throw (<see cref="InvalidNetworkEmitter"/>), or nothing when the class itself is
/// wrong (not partial, generic, nested, ...). It never throws: an emitter failure becomes SEG9001.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SegmentGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<string> rootNamespace = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? ""))
            .Select(static (pair, _) =>
                RegistryEmitter.Namespace(pair.Left.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns)
                    ? ns!.Trim()
                    : pair.Right))
            .WithTrackingName(TrackingNames.RootNamespace);

        // One pipeline per family, each the same steps: parse -> shapes -> files, and the family's registry entries.
        var registryParts = new List<IncrementalValueProvider<RegistryEntries>>();
        foreach (INetworkFamily family in NetworkFamilies.All)
        {
            IncrementalValuesProvider<NetworkAnalysis> analyses = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    family.AttributeMetadataName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    (ctx, ct) => Safely(() => ctx.TargetSymbol is INamedTypeSymbol t ? family.Parse(t, ct) : null))
                .Where(static spec => spec is not null)
                .WithTrackingName(TrackingNames.Parse(family))
                .Select((spec, _) => (Safely(() => family.Analyze(spec!)) ?? InternalError(spec!)) with { Spec = spec })
                .WithTrackingName(TrackingNames.Shapes(family));

            context.RegisterSourceOutput(analyses, (spc, analysis) => Emit(spc, family, analysis));

            // A declaration with errors is listed too (its stand-in's constructor throws), so code using the registry compiles.
            IncrementalValueProvider<RegistryEntries> familyEntries = analyses
                .Where(static a => a.Model is not null || InvalidNetworkEmitter.CanEmit(a.Spec, a.Diagnostics))
                .Select(static (a, _) => a.Model is not null
                    ? new RegistryEntry(a.Model.CliName, a.Model.Type.GlobalName, a.NameLocation)
                    : new RegistryEntry(a.Spec!.CliName, a.Spec.Type.GlobalName, a.NameLocation, Invalid: true))
                .WithTrackingName(TrackingNames.RegistryEntries(family))
                .Collect()
                .Select(static (all, _) => new RegistryEntries(all));
            registryParts.Add(familyEntries);
        }

        // Each family's entries collected into a value-equal RegistryEntries, then concatenated in the families' order.
        IncrementalValueProvider<RegistryEntries> entries = registryParts[0];
        for (int i = 1; i < registryParts.Count; i++)
            entries = entries.Combine(registryParts[i]).Select(static (pair, _) => pair.Left.Concat(pair.Right));

        context.RegisterSourceOutput(entries.Combine(rootNamespace), static (spc, pair) => EmitRegistry(spc, pair.Left.Items, pair.Right));
    }

    /// <summary>Runs a parse or shapes step; a failure yields null (the analyzer runs the same step and reports it as SEG9001).</summary>
    private static T? Safely<T>(Func<T?> step) where T : class
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static NetworkAnalysis InternalError(NetworkSpec spec) =>
        new(spec.Type.Name, null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, spec.NameLocation, spec.Type.Name, "shape inference failed") }.ToEquatableArray(), spec.NameLocation);

    /// <summary>A sound declaration's files, or the stand-in of one with errors (nothing when the class itself is wrong).</summary>
    private static void Emit(SourceProductionContext context, INetworkFamily family, NetworkAnalysis analysis)
    {
        if (analysis.Model is NetworkModel model)
            EmitFiles(context, model.Type, analysis.NameLocation, analysis.TypeName, family.Files(model));
        else if (InvalidNetworkEmitter.CanEmit(analysis.Spec, analysis.Diagnostics))
            EmitFiles(context, analysis.Spec!.Type, analysis.NameLocation, analysis.TypeName, new[]
            {
                (InvalidNetworkEmitter.Suffix, (Func<string>)(() => family.EmitStandIn(analysis.Spec!, analysis.Diagnostics))),
            });
    }

    /// <summary>Renders every file first so a failing emitter adds no partial output (SEG9001 instead).</summary>
    private static void EmitFiles(SourceProductionContext context, TypeDeclarationInfo type, LocationInfo? nameLocation, string typeName, IReadOnlyList<(string Suffix, Func<string> Render)> files)
    {
        try
        {
            var rendered = files.Select(f => (Name: type.FilePrefix + f.Suffix, Text: f.Render())).ToList();
            foreach (var (name, text) in rendered)
                context.AddSource(name, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, nameLocation, typeName, e.Message).ToDiagnostic());
        }
    }

    private static void EmitRegistry(SourceProductionContext context, EquatableArray<RegistryEntry> entries, string rootNamespace)
    {
        if (entries.Count == 0)
            return;
        try
        {
            // Two networks with one name would make the registry's switch ambiguous: keep the first, report the rest.
            var unique = new List<RegistryEntry>();
            // A stand-in for a declaration with errors comes after every valid network and is dropped silently on a clash.
            foreach (RegistryEntry entry in entries.OrderBy(e => e.Invalid).ThenBy(e => e.GlobalTypeName, StringComparer.Ordinal))
            {
                RegistryEntry? first = unique.FirstOrDefault(u => u.CliName == entry.CliName);
                if (first is null)
                    unique.Add(entry);
                else if (!entry.Invalid)
                    context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNetworkName, entry.NameLocation, entry.CliName, first.GlobalTypeName.Substring("global::".Length)).ToDiagnostic());
            }
            string file = (rootNamespace.Length > 0 ? rootNamespace.Replace("@", "") + "." : "") + RegistryEmitter.ClassName + ".g.cs";
            context.AddSource(file, RegistryEmitter.Emit(rootNamespace, unique));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, RegistryEmitter.ClassName, e.Message).ToDiagnostic());
        }
    }
}
