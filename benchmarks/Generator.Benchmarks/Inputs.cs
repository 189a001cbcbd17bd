using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// The compilations the benchmarks run the generator over, made as tests/Generator.Tests' harness
/// makes them: the declarations of examples/Networks (read from disk at run time), nullable enabled,
/// and the framework, Segment.Dsl, Segment.Runtime and TorchSharp as metadata references.
/// </summary>
internal static class Inputs
{
    public const string AssemblyName = "Segment.Examples.Networks";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Segment.Dsl.U2NetAttribute).Assembly.Location);
        paths.Add(typeof(Segment.Runtime.NN.InputGuard).Assembly.Location);
        paths.Add(typeof(TorchSharp.torch.Tensor).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error,
        specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress },
        deterministic: true);

    /// <summary>
    /// examples/Networks, found above the output folder or else above the current folder (the folder that holds Dsl.sln);
    /// $SEGMENT_BENCH_NETWORKS names another folder (scripts/bench-generator.sh runs two generators on one set of declarations).
    /// </summary>
    public static string NetworksDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("SEGMENT_BENCH_NETWORKS") is { Length: > 0 } chosen)
                return chosen;
            foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
                        return Path.Combine(dir.FullName, "examples", "Networks");
                }
            }
            throw new InvalidOperationException($"Dsl.sln not found above {AppContext.BaseDirectory} nor above {Environment.CurrentDirectory}");
        }
    }

    /// <summary>The example network declarations' files (examples/Networks/*.cs), in ordinal order.</summary>
    public static string[] ExampleFiles() =>
        Directory.GetFiles(NetworksDirectory, "*.cs").OrderBy(p => p, StringComparer.Ordinal).ToArray();

    /// <summary>Every example network declaration, parsed (parsing is the compiler's work, not the generator's).</summary>
    public static ImmutableArray<SyntaxTree> ExampleTrees() =>
        ExampleFiles()
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, p))
            .ToImmutableArray();

    /// <summary>An ordinary file of the project with no attribute: the one the unrelated edit changes.</summary>
    public static SyntaxTree Unrelated(int fields)
    {
        string body = string.Concat(Enumerable.Range(0, fields).Select(i => $"    public int Field{i};\n"));
        return CSharpSyntaxTree.ParseText($"namespace Demo;\n\npublic class Other\n{{\n{body}}}\n", ParseOptions, "Other.cs");
    }

    /// <summary>A new compilation: no symbol or semantic model of an earlier one is reused (the metadata references are).</summary>
    public static CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(AssemblyName, trees, References.Value, Options);

    /// <summary>A driver as the compiler makes one (no step tracking) or as the tests do (tracking, for the step breakdown).</summary>
    public static GeneratorDriver Driver(bool track = false) => Driver(new SegmentGenerator(), track);

    public static GeneratorDriver Driver(IIncrementalGenerator generator, bool track = false) => CSharpGeneratorDriver.Create(
        new[] { generator.AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
}
