using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator;

/// <summary>
/// The analyzer's part for [UNet] and [UNetPlusPlus] classes: the generator's own Parser and Shapes steps,
/// every diagnostic reported (the generator stays silent, as for U²-Net).
/// </summary>
internal static class UNetFamiliesAnalysis
{
    public static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol unetAttribute, INamedTypeSymbol unetPlusPlusAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var classes = type.GetAttributes().Select(a => a.AttributeClass).ToList();
        bool isUNet = classes.Any(c => SymbolEqualityComparer.Default.Equals(c, unetAttribute));
        bool isUNetPlusPlus = classes.Any(c => SymbolEqualityComparer.Default.Equals(c, unetPlusPlusAttribute));
        if (!isUNet && !isUNetPlusPlus)
            return;
        try
        {
            IEnumerable<DiagnosticInfo> diagnostics = Enumerable.Empty<DiagnosticInfo>();
            if (isUNet && UNetParser.Parse(type, context.CancellationToken) is UNetSpec unet)
                diagnostics = diagnostics.Concat(UNetShapeInference.Analyze(unet).Diagnostics);
            if (isUNetPlusPlus && UNetPlusPlusParser.Parse(type, context.CancellationToken) is UNetPlusPlusSpec unetpp)
                diagnostics = diagnostics.Concat(UNetPlusPlusShapeInference.Analyze(unetpp).Diagnostics);
            foreach (DiagnosticInfo diagnostic in diagnostics)
                context.ReportDiagnostic(diagnostic.ToDiagnostic(context.Compilation));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, type.Locations.FirstOrDefault(), type.Name, e.Message));
        }
    }
}
