using System;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// The generator over every example network (examples/Networks) in one compilation:
/// <list type="bullet">
/// <item><see cref="Cold"/>: a fresh driver over a fresh compilation, as a build's first run (every step runs);</item>
/// <item><see cref="UnrelatedEdit"/>: a driver that has run once, then a compilation whose attribute-free file changed
/// (the IDE on every keystroke elsewhere; every network step should be cached);</item>
/// <item><see cref="NetworkEdit"/>: the same, but one network's declaration changed (that network's steps run again).</item>
/// </list>
/// The <c>Floor*</c> benchmarks run <see cref="FloorGenerator"/> the same ways: Roslyn's share (finding the
/// classes, binding their attributes), which no change to SegmentGenerator can remove. <see cref="Analyzer"/> runs
/// SegmentDiagnosticAnalyzer (which parses and checks every network again, as a build does) over a fresh compilation,
/// <see cref="FloorAnalyzerRun"/> an analyzer that only binds each type's attributes: the difference is ours.
/// Each invocation makes its compilation anew (cheap: Roslyn binds lazily), so no semantic model or symbol
/// of an earlier invocation is reused; the syntax trees and metadata references are, as in the compiler.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class GeneratorBenchmarks
{
    private ImmutableArray<SyntaxTree> _networks;
    private SyntaxTree _other = null!;
    private SyntaxTree _otherEdited = null!;
    private SyntaxTree _networkTree = null!;
    private SyntaxTree _networkEdited = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _ranOnce = null!;
    private GeneratorDriver _floorRanOnce = null!;

    [GlobalSetup]
    public void Setup()
    {
        _networks = Inputs.ExampleTrees();
        _other = Inputs.Unrelated(1);
        _otherEdited = Inputs.Unrelated(2);
        _compilation = Inputs.Compilation(_networks.Add(_other));

        // The edited declaration: UNet32 with another class count (its model changes, the others' do not).
        _networkTree = _networks.Single(t => t.FilePath.EndsWith("UNet32.cs", StringComparison.Ordinal));
        string text = _networkTree.GetText().ToString();
        string changed = text.Replace("Classes = 2,", "Classes = 3,");
        if (changed == text)
            throw new InvalidOperationException("UNet32.cs no longer has 'Classes = 2,': update the network edit");
        _networkEdited = CSharpSyntaxTree.ParseText(changed, Inputs.ParseOptions, _networkTree.FilePath);

        _ranOnce = Inputs.Driver().RunGenerators(_compilation);
        Check(_ranOnce.GetRunResult(), "cold");
        Check(UnrelatedEdit().GetRunResult(), "unrelated edit");
        Check(NetworkEdit().GetRunResult(), "network edit");
        _floorRanOnce = Inputs.Driver(new FloorGenerator()).RunGenerators(_compilation);
        if (!Analyzer().IsEmpty)
            throw new InvalidOperationException("the analyzer reported diagnostics on the examples: " + string.Join("; ", Analyzer()));
    }

    [Benchmark]
    public GeneratorDriver Cold() =>
        Inputs.Driver().RunGenerators(Inputs.Compilation(_networks.Add(_other)));

    [Benchmark]
    public GeneratorDriver UnrelatedEdit() =>
        _ranOnce.RunGenerators(_compilation.ReplaceSyntaxTree(_other, _otherEdited));

    [Benchmark]
    public GeneratorDriver NetworkEdit() =>
        _ranOnce.RunGenerators(_compilation.ReplaceSyntaxTree(_networkTree, _networkEdited));

    [Benchmark]
    public GeneratorDriver FloorCold() =>
        Inputs.Driver(new FloorGenerator()).RunGenerators(Inputs.Compilation(_networks.Add(_other)));

    [Benchmark]
    public GeneratorDriver FloorUnrelatedEdit() =>
        _floorRanOnce.RunGenerators(_compilation.ReplaceSyntaxTree(_other, _otherEdited));

    [Benchmark]
    public ImmutableArray<Diagnostic> Analyzer() => Analyze(new SegmentDiagnosticAnalyzer());

    [Benchmark]
    public ImmutableArray<Diagnostic> FloorAnalyzerRun() => Analyze(new FloorAnalyzer());

    private ImmutableArray<Diagnostic> Analyze(DiagnosticAnalyzer analyzer)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        return Inputs.Compilation(_networks.Add(_other))
            .WithAnalyzers(ImmutableArray.Create(analyzer), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    /// <summary>The run generated every network's six files and the registry, with no diagnostic and no exception.</summary>
    private void Check(GeneratorDriverRunResult result, string what)
    {
        GeneratorRunResult run = result.Results.Single();
        if (run.Exception is not null)
            throw new InvalidOperationException($"{what}: the generator threw", run.Exception);
        if (!run.Diagnostics.IsEmpty)
            throw new InvalidOperationException($"{what}: the generator reported {string.Join("; ", run.Diagnostics)}");
        int expected = _networks.Length * 6 + 1;
        if (run.GeneratedSources.Length != expected)
            throw new InvalidOperationException($"{what}: {run.GeneratedSources.Length} generated files, expected {expected}");
    }
}
