using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Segment.Generator;

namespace Segment.Generator.Tests.Harness;

/// <summary>
/// Compiles declarations in memory and runs the generator and the analyzer over them, the way the
/// compiler does in a build: nullable enabled, every warning an error (as examples/ builds).
/// </summary>
internal static class GeneratorHarness
{
    public const string AssemblyName = "Segment.Examples.Networks";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Segment.Dsl.U2NetAttribute).Assembly.Location);
        paths.Add(typeof(Segment.Runtime.NN.InputGuard).Assembly.Location);
        paths.Add(typeof(TorchSharp.torch.Tensor).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpCompilation Compilation(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                // As the SDK does (NoWarn 1701;1702): TorchSharp is built against .NET 8's reference assemblies.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress },
                deterministic: true));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new SegmentGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; the output compilation includes the generated files.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>The analyzer's diagnostics, and any exception it threw (which the compiler would turn into AD0001).</summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions) Analyze(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, _, _) => { lock (exceptions) exceptions.Add(e); },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SegmentDiagnosticAnalyzer()), options);
        ImmutableArray<Diagnostic> diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return (diagnostics, exceptions);
    }

    /// <summary>The compile errors (warnings included: they are errors here) of the output, against the real src/Runtime.</summary>
    public static ImmutableArray<Diagnostic> CompileErrors(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    /// <summary>
    /// The analyzer's diagnostics on <paramref name="source"/>, after checking that the analyzer throws nothing, that the
    /// generator reports nothing of its own, and that its output (stand-in or network) compiles without a C# error.
    /// </summary>
    public static ImmutableArray<Diagnostic> DiagnosticsOfCleanBuild(string source)
    {
        var compilation = Compilation(("Tiny.cs", source));
        var (diagnostics, exceptions) = Analyze(compilation);
        Xunit.Assert.Empty(exceptions);
        GeneratorRun run = Run(compilation);
        Xunit.Assert.Empty(run.Diagnostics);
        var errors = CompileErrors(run.Output);
        Xunit.Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(Describe)));
        return diagnostics;
    }

    /// <summary>"SEG2001 (12:34): message", with 1-based line and column, for snapshots.</summary>
    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        string where = d.Location == Location.None ? "(no location)" : $"({span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1})";
        return $"{d.Id} {where}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>One generator run: the driver (for incremental reruns), its result and the compilation with the generated files.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    public string Source(string hintNameEnd) => Sources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>
    /// For a declaration with errors: the only file for <paramref name="prefix"/> ("Demo.Named") is the stand-in whose members
    /// throw naming the diagnostics (no network is generated), and the output has no compile error (issue 12).
    /// </summary>
    public void AssertOnlyStandIn(string prefix)
    {
        var files = Sources.Where(s => s.HintName.StartsWith(prefix + ".", StringComparison.Ordinal)).Select(s => s.HintName).ToList();
        Xunit.Assert.Equal(new[] { prefix + ".NotGenerated.g.cs" }, files);
        Xunit.Assert.Contains("throw new global::System.InvalidOperationException(SegmentNotGenerated)", Source(prefix + ".NotGenerated.g.cs"));
        Xunit.Assert.Empty(GeneratorHarness.CompileErrors(Output).Select(GeneratorHarness.Describe));
    }
}
