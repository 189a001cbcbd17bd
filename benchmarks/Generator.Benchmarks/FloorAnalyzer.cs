using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// SegmentDiagnosticAnalyzer's registrations with nothing behind them: a symbol action on every named type that
/// binds its attributes. What the compiler spends to drive a symbol analyzer, whatever it checks; it has no
/// [DiagnosticAnalyzer] attribute, being run by the benchmarks only.
/// </summary>
#pragma warning disable RS1001, RS1025, RS1026, RS2008 // run in-process by the benchmarks only, never loaded by a compiler
public sealed class FloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("FLOOR0001", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(static symbol => _ = symbol.Symbol.GetAttributes(), SymbolKind.NamedType);
    }
}
#pragma warning restore RS1001, RS1025, RS1026, RS2008
