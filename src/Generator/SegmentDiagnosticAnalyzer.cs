using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Segment.Generator.Diagnostics;
using Segment.Generator.Families;
using Segment.Generator.Model;

namespace Segment.Generator;

/// <summary>
/// Reports the declaration and shape diagnostics of every network class, whatever its family. It runs the
/// generator's own Parse and Shapes steps (<see cref="INetworkFamily"/>), so the two never disagree; reporting
/// here rather than from the generator is Roslyn's guidance (generators should stay fast and silent in the IDE).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SegmentDiagnosticAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = new List<(INamedTypeSymbol Attribute, INetworkFamily Family)>();
            foreach (INetworkFamily family in NetworkFamilies.All)
                if (start.Compilation.GetTypeByMetadataName(family.AttributeMetadataName) is INamedTypeSymbol attribute)
                    attributes.Add((attribute, family));
            if (attributes.Count == 0)
                return; // Segment.Dsl is not referenced: nothing to check
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, attributes), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, List<(INamedTypeSymbol Attribute, INetworkFamily Family)> attributes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var classes = type.GetAttributes().Select(a => a.AttributeClass).ToList();
        foreach (var (attribute, family) in attributes)
        {
            if (!classes.Any(c => SymbolEqualityComparer.Default.Equals(c, attribute)))
                continue;
            try
            {
                if (family.Parse(type, context.CancellationToken) is not NetworkSpec spec)
                    continue;
                foreach (DiagnosticInfo diagnostic in family.Analyze(spec).Diagnostics)
                    context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, type.Locations.FirstOrDefault(), type.Name, e.Message));
            }
        }
    }
}
