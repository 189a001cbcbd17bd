using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator;

/// <summary>
/// Reports the declaration and shape diagnostics of every network class. It runs the generator's
/// own Parser and Shapes steps, so the two never disagree; reporting here rather than from the
/// generator is Roslyn's guidance (generators should stay fast and silent in the IDE).
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
            INamedTypeSymbol? u2net = start.Compilation.GetTypeByMetadataName(AttributeNames.U2Net);
            if (u2net is null)
                return; // Segment.Dsl is not referenced: nothing to check
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, u2net), SymbolKind.NamedType);
            INamedTypeSymbol? unet = start.Compilation.GetTypeByMetadataName(AttributeNames.UNet);
            INamedTypeSymbol? unetpp = start.Compilation.GetTypeByMetadataName(AttributeNames.UNetPlusPlus);
            if (unet is not null && unetpp is not null)
                start.RegisterSymbolAction(symbol => UNetFamiliesAnalysis.Analyze(symbol, unet, unetpp), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol u2netAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, u2netAttribute)))
            return;
        try
        {
            U2NetSpec? spec = U2NetParser.Parse(type, context.CancellationToken);
            if (spec is null)
                return;
            foreach (DiagnosticInfo diagnostic in U2NetShapeInference.Analyze(spec).Diagnostics)
                context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, type.Locations.FirstOrDefault(), type.Name, e.Message));
        }
    }
}
