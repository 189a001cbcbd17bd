using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The pipeline's models are equatable, so edits that do not change a declaration reuse its cached steps.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] NetworkSteps = { TrackingNames.U2NetParse, TrackingNames.U2NetShapes, TrackingNames.RegistryEntries };

    [Fact]
    public void Editing_an_unrelated_file_keeps_every_network_step_cached()
    {
        var compilation = GeneratorHarness.Compilation(ExampleNetworks.Read("U2NetLite"), ("Other.cs", "namespace Demo; public class Other { }"));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        var edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public int X; }", GeneratorHarness.ParseOptions, "Other.cs"));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in NetworkSteps)
            AssertReused(result, step);
    }

    [Fact]
    public void Editing_the_class_body_keeps_the_parsed_spec_equal()
    {
        var (path, text) = ExampleNetworks.Read("U2NetLite");
        var compilation = GeneratorHarness.Compilation((path, text));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        // A comment in the class body: the class node changes, so it is parsed again, but the attributes
        // keep their positions and the parsed spec is equal.
        string commented = text.Replace("public partial class U2NetLite\n{\n}", "public partial class U2NetLite\n{\n    // a note\n}");
        Assert.NotEqual(text, commented);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(commented, GeneratorHarness.ParseOptions, path));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The parse ran again but produced an equal spec, so nothing after it ran.
        AssertReused(result, TrackingNames.U2NetParse);
        Assert.All(result.TrackedSteps[TrackingNames.U2NetShapes].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_a_declaration_recomputes_its_shapes()
    {
        var (path, text) = ExampleNetworks.Read("U2NetLite");
        var compilation = GeneratorHarness.Compilation((path, text));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        string changed = text.Replace("[Encoder(\"En1\", 7, 3, 16, 64)]", "[Encoder(\"En1\", 7, 3, 32, 64)]");
        Assert.NotEqual(text, changed);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, path));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.U2NetShapes].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static void AssertReused(GeneratorRunResult result, string step)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"{step} ran again ({o.Reason})"));
    }
}
