using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Segment.Generator.Model;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The pipeline's models are equatable, so edits that do not change a declaration reuse its cached steps.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] NetworkSteps = { TrackingNames.U2NetParse, TrackingNames.U2NetShapes, TrackingNames.U2NetRegistryEntries };

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

    // ---- The UNet and UNet++ pipelines: same guarantees, one theory row per family.

    /// <summary>Example, its Parse / Shapes / registry-entry steps, and an edit of its declaration that changes the model.</summary>
    public static IEnumerable<object[]> UNetFamilies() =>
    [
        ["UNet32", TrackingNames.UNetParse, TrackingNames.UNetShapes, TrackingNames.UNetRegistryEntries, "Classes = 2,", "Classes = 3,"],
        ["UNetAux", TrackingNames.UNetParse, TrackingNames.UNetShapes, TrackingNames.UNetRegistryEntries, "AuxLevel = 2,", "AuxLevel = 1,"],
        ["UNetPlusPlus", TrackingNames.UNetPlusPlusParse, TrackingNames.UNetPlusPlusShapes, TrackingNames.UNetPlusPlusRegistryEntries, "Classes = 1,", "Classes = 2,"],
        ["UNetPlusPlusDeep", TrackingNames.UNetPlusPlusParse, TrackingNames.UNetPlusPlusShapes, TrackingNames.UNetPlusPlusRegistryEntries, "Classes = 1,", "Classes = 2,"],
    ];

    [Theory]
    [MemberData(nameof(UNetFamilies))]
    public void UNet_families_editing_an_unrelated_file_keeps_every_network_step_cached(string example, string parse, string shapes, string entries, string _, string __)
    {
        var compilation = GeneratorHarness.Compilation(ExampleNetworks.Read(example), ("Other.cs", "namespace Demo; public class Other { }"));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        var edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public int X; }", GeneratorHarness.ParseOptions, "Other.cs"));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in new[] { parse, shapes, entries })
            AssertReused(result, step);
    }

    [Theory]
    [MemberData(nameof(UNetFamilies))]
    public void UNet_families_editing_the_class_body_keeps_the_parsed_spec_equal(string example, string parse, string shapes, string _, string __, string ___)
    {
        var (path, text) = ExampleNetworks.Read(example);
        var compilation = GeneratorHarness.Compilation((path, text));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        string commented = text.Replace($"public partial class {example}\n{{\n}}", $"public partial class {example}\n{{\n    // a note\n}}");
        Assert.NotEqual(text, commented);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(commented, GeneratorHarness.ParseOptions, path));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReused(result, parse);
        var outputs = result.TrackedSteps[shapes].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Theory]
    [MemberData(nameof(UNetFamilies))]
    public void UNet_families_changing_a_declaration_recomputes_only_its_shapes(string example, string parse, string shapes, string _, string from, string to)
    {
        // Every example in one compilation: the edited declaration's shapes change, every other network's stay cached.
        var sources = ExampleNetworks.ReadAll();
        var compilation = GeneratorHarness.Compilation(sources);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var (path, text) = ExampleNetworks.Read(example);
        string changed = text.Replace(from, to);
        Assert.NotEqual(text, changed);
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, path));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var shapeOutputs = result.TrackedSteps[shapes].SelectMany(s => s.Outputs).ToList();
        Assert.Single(shapeOutputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(example, TypeNameOf(shapeOutputs.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value));
        Assert.All(shapeOutputs.Where(o => TypeNameOf(o.Value) != example), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{TypeNameOf(o.Value)} {shapes} ran again ({o.Reason})"));
        Assert.Contains(result.TrackedSteps[parse].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);

        // The other pipelines did not run at all.
        string[] otherShapes = new[] { TrackingNames.U2NetShapes, TrackingNames.UNetShapes, TrackingNames.UNetPlusPlusShapes }.Where(s => s != shapes).ToArray();
        foreach (string step in otherShapes)
            AssertReused(result, step);
    }

    private static string TypeNameOf(object value) => value is NetworkAnalysis a
        ? a.TypeName
        : throw new System.InvalidOperationException($"unexpected step output {value.GetType().Name}");

    private static void AssertReused(GeneratorRunResult result, string step)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"{step} ran again ({o.Reason})"));
    }
}
