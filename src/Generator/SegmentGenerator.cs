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
/// The incremental generator: [U2Net] classes -> Parser -> Shapes -> Emitters, plus the assembly's
/// network registry. Declaration diagnostics are reported by <see cref="SegmentDiagnosticAnalyzer"/>
/// (same Parser and Shapes) so the IDE stays fast; this generator only emits, and emits nothing for
/// a declaration with errors. It never throws: an emitter failure becomes SEG9001.
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
            .Select(static (spec, _) => AnalyzeSafely(spec!))
            .WithTrackingName(TrackingNames.U2NetShapes);

        context.RegisterSourceOutput(u2nets, static (spc, analysis) => EmitU2Net(spc, analysis));

        IncrementalValueProvider<string> rootNamespace = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? ""))
            .Select(static (pair, _) =>
                pair.Left.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns)
                    ? ns!.Trim()
                    : pair.Right)
            .WithTrackingName(TrackingNames.RootNamespace);

        IncrementalValueProvider<ImmutableArray<RegistryEntry>> entries = u2nets
            .Where(static a => a.Model is not null)
            .Select(static (a, _) => new RegistryEntry(a.Model!.CliName, a.Model.Type.GlobalName, a.NameLocation))
            .WithTrackingName(TrackingNames.RegistryEntries)
            .Collect();

        context.RegisterSourceOutput(entries.Combine(rootNamespace), static (spc, pair) => EmitRegistry(spc, pair.Left, pair.Right));
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
            return;
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

    private static void EmitRegistry(SourceProductionContext context, ImmutableArray<RegistryEntry> entries, string rootNamespace)
    {
        if (entries.IsDefaultOrEmpty)
            return;
        try
        {
            // Two networks with one name would make the registry's switch ambiguous: keep the first, report the rest.
            var unique = new List<RegistryEntry>();
            foreach (RegistryEntry entry in entries.OrderBy(e => e.GlobalTypeName, StringComparer.Ordinal))
            {
                RegistryEntry? first = unique.FirstOrDefault(u => u.CliName == entry.CliName);
                if (first is null)
                    unique.Add(entry);
                else
                    context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNetworkName, entry.NameLocation, entry.CliName, first.GlobalTypeName.Substring("global::".Length)).ToDiagnostic());
            }
            string file = (rootNamespace.Length > 0 ? rootNamespace + "." : "") + RegistryEmitter.ClassName + ".g.cs";
            context.AddSource(file, RegistryEmitter.Emit(rootNamespace, unique));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, RegistryEmitter.ClassName, e.Message).ToDiagnostic());
        }
    }
}
