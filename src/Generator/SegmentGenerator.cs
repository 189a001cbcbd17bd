using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Diagnostics;
using Segment.Generator.Emitters;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator;

/// <summary>
/// The incremental generator: [U2Net], [UNet] and [UNetPlusPlus] classes -> Parser -> Shapes -> Emitters, plus the assembly's
/// network registry. Declaration diagnostics are reported by <see cref="SegmentDiagnosticAnalyzer"/>
/// (same Parser and Shapes) so the IDE stays fast; this generator only emits. For a declaration with errors it
/// emits a stand-in whose members throw (<see cref="InvalidNetworkEmitter"/>), or nothing when the class itself is
/// wrong (not partial, generic, nested, ...). It never throws: an emitter failure becomes SEG9001.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SegmentGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<U2NetAnalysis> u2nets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.U2Net,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => ParseSafely(ctx.TargetSymbol as INamedTypeSymbol, ct))
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.U2NetParse)
            .Select(static (spec, _) => AnalyzeSafely(spec!) with { Spec = spec })
            .WithTrackingName(TrackingNames.U2NetShapes);

        context.RegisterSourceOutput(u2nets, static (spc, analysis) => EmitU2Net(spc, analysis));

        IncrementalValuesProvider<UNetAnalysis> unets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.UNet,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Safely(() => ctx.TargetSymbol is INamedTypeSymbol t ? UNetParser.Parse(t, ct) : null))
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.UNetParse)
            .Select(static (spec, _) => (Safely(() => UNetShapeInference.Analyze(spec!)) ?? new UNetAnalysis(spec!.Type.Name, null, InternalError(spec.Type.Name))) with { Spec = spec })
            .WithTrackingName(TrackingNames.UNetShapes);
        context.RegisterSourceOutput(unets, static (spc, a) => EmitFiles(spc, a.Model?.Type ?? a.Spec?.Type, a.NameLocation, a.TypeName, a.Model is UNetModel m ? new[]
        {
            (".Module.g.cs", (Func<string>)(() => UNetModuleEmitter.Emit(m))),
            (".Output.g.cs", () => UNetOutputEmitter.Emit(m)),
            (".Loss.g.cs", () => UNetLossEmitter.Emit(m)),
            (".Summary.g.cs", () => UNetSummaryEmitter.Emit(m)),
            (".Network.g.cs", () => UNetNetworkEmitter.Emit(m)),
            (".OnnxExport.g.cs", () => OnnxExportEmitter.Emit(m)),
        } : InvalidNetworkEmitter.CanEmit(a.Spec, a.Diagnostics) ? new[]
        {
            (InvalidNetworkEmitter.Suffix, (Func<string>)(() => InvalidNetworkEmitter.Emit(a.Spec!, a.Diagnostics))),
        } : null));

        IncrementalValuesProvider<UNetPlusPlusAnalysis> unetpps = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.UNetPlusPlus,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Safely(() => ctx.TargetSymbol is INamedTypeSymbol t ? UNetPlusPlusParser.Parse(t, ct) : null))
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.UNetPlusPlusParse)
            .Select(static (spec, _) => (Safely(() => UNetPlusPlusShapeInference.Analyze(spec!)) ?? new UNetPlusPlusAnalysis(spec!.Type.Name, null, InternalError(spec.Type.Name))) with { Spec = spec })
            .WithTrackingName(TrackingNames.UNetPlusPlusShapes);
        context.RegisterSourceOutput(unetpps, static (spc, a) => EmitFiles(spc, a.Model?.Type ?? a.Spec?.Type, a.NameLocation, a.TypeName, a.Model is UNetPlusPlusModel m ? new[]
        {
            (".Module.g.cs", (Func<string>)(() => UNetPlusPlusModuleEmitter.Emit(m))),
            (".Output.g.cs", () => UNetPlusPlusOutputEmitter.Emit(m)),
            (".Loss.g.cs", () => UNetPlusPlusLossEmitter.Emit(m)),
            (".Summary.g.cs", () => UNetPlusPlusSummaryEmitter.Emit(m)),
            (".Network.g.cs", () => UNetPlusPlusNetworkEmitter.Emit(m)),
            (".OnnxExport.g.cs", () => OnnxExportEmitter.Emit(m)),
        } : InvalidNetworkEmitter.CanEmit(a.Spec, a.Diagnostics) ? new[]
        {
            (InvalidNetworkEmitter.Suffix, (Func<string>)(() => InvalidNetworkEmitter.Emit(a.Spec!, a.Diagnostics))),
        } : null));

        IncrementalValueProvider<string> rootNamespace = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? ""))
            .Select(static (pair, _) =>
                RegistryEmitter.Namespace(pair.Left.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns)
                    ? ns!.Trim()
                    : pair.Right))
            .WithTrackingName(TrackingNames.RootNamespace);

        // Each family's entries collected into a value-equal RegistryEntries, then concatenated: U²-Net, UNet, UNet++.
        // A declaration with errors is listed too (its stand-in's constructor throws), so code using the registry compiles.
        IncrementalValueProvider<RegistryEntries> entries = u2nets
            .Where(static a => a.Model is not null || InvalidNetworkEmitter.CanEmit(a.Spec, a.Diagnostics))
            .Select(static (a, _) => a.Model is not null
                ? new RegistryEntry(a.Model.CliName, a.Model.Type.GlobalName, a.NameLocation)
                : new RegistryEntry(a.Spec!.Options.CliName, a.Spec.Type.GlobalName, a.NameLocation, Invalid: true))
            .WithTrackingName(TrackingNames.RegistryEntries)
            .Collect()
            .Select(static (all, _) => new RegistryEntries(all))
            .Combine(unets
                .Where(static a => a.Model is not null || InvalidNetworkEmitter.CanEmit(a.Spec, a.Diagnostics))
                .Select(static (a, _) => a.Model is not null
                    ? new RegistryEntry(a.Model.CliName, a.Model.Type.GlobalName, a.NameLocation)
                    : new RegistryEntry(a.Spec!.Options.CliName, a.Spec.Type.GlobalName, a.NameLocation, Invalid: true))
                .WithTrackingName(TrackingNames.UNetRegistryEntries)
                .Collect()
                .Select(static (all, _) => new RegistryEntries(all)))
            .Select(static (pair, _) => pair.Left.Concat(pair.Right))
            .Combine(unetpps
                .Where(static a => a.Model is not null || InvalidNetworkEmitter.CanEmit(a.Spec, a.Diagnostics))
                .Select(static (a, _) => a.Model is not null
                    ? new RegistryEntry(a.Model.CliName, a.Model.Type.GlobalName, a.NameLocation)
                    : new RegistryEntry(a.Spec!.Options.CliName, a.Spec.Type.GlobalName, a.NameLocation, Invalid: true))
                .WithTrackingName(TrackingNames.UNetPlusPlusRegistryEntries)
                .Collect()
                .Select(static (all, _) => new RegistryEntries(all)))
            .Select(static (pair, _) => pair.Left.Concat(pair.Right));

        context.RegisterSourceOutput(entries.Combine(rootNamespace), static (spc, pair) => EmitRegistry(spc, pair.Left.Items, pair.Right));
    }

    private static U2NetSpec? ParseSafely(INamedTypeSymbol? type, CancellationToken cancellationToken)
    {
        if (type is null)
            return null;
        try
        {
            return U2NetParser.Parse(type, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // the analyzer runs the same parser and reports the failure as SEG9001
        }
    }

    private static U2NetAnalysis AnalyzeSafely(U2NetSpec spec)
    {
        try
        {
            return U2NetShapeInference.Analyze(spec);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, spec.Options.Attribute, spec.Type.Name, e.Message);
            return new U2NetAnalysis(spec.Type.Name, null, new[] { error }.ToEquatableArray());
        }
    }

    private static void EmitU2Net(SourceProductionContext context, U2NetAnalysis analysis)
    {
        if (analysis.Model is not U2NetModel model)
        {
            if (InvalidNetworkEmitter.CanEmit(analysis.Spec, analysis.Diagnostics))
                EmitFiles(context, analysis.Spec!.Type, analysis.NameLocation, analysis.TypeName, new[]
                {
                    (InvalidNetworkEmitter.Suffix, (Func<string>)(() => InvalidNetworkEmitter.Emit(analysis.Spec!, analysis.Diagnostics))),
                });
            return;
        }
        try
        {
            string prefix = model.Type.FilePrefix;
            // Render everything first so a failing emitter adds no partial output.
            var files = new (string Name, string Text)[]
            {
                (prefix + ".Module.g.cs", U2NetModuleEmitter.Emit(model)),
                (prefix + ".Output.g.cs", U2NetOutputEmitter.Emit(model)),
                (prefix + ".Loss.g.cs", U2NetLossEmitter.Emit(model)),
                (prefix + ".Summary.g.cs", U2NetSummaryEmitter.Emit(model)),
                (prefix + ".Network.g.cs", U2NetNetworkEmitter.Emit(model)),
                (prefix + ".OnnxExport.g.cs", OnnxExportEmitter.Emit(model)),
            };
            foreach (var (name, text) in files)
                context.AddSource(name, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, analysis.NameLocation, analysis.TypeName, e.Message).ToDiagnostic());
        }
    }

    /// <summary>Runs a parser or shape step of the UNet families; a failure yields null (the analyzer reports it as SEG9001).</summary>
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

    private static EquatableArray<DiagnosticInfo> InternalError(string typeName) =>
        new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, typeName, "shape inference failed") }.ToEquatableArray();

    /// <summary>Renders every file first so a failing emitter adds no partial output (SEG9001 instead).</summary>
    private static void EmitFiles(SourceProductionContext context, TypeDeclarationInfo? type, LocationInfo? nameLocation, string typeName, (string Suffix, Func<string> Render)[]? files)
    {
        if (type is null || files is null)
            return;
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
