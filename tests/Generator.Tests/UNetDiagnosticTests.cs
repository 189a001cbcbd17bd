using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Segment.Generator.CodeFixes;
using Segment.Generator.Tests.Harness;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// The UNet families' diagnostics: each case edits one line of a valid [UNet] and [UNetPlusPlus] declaration and
/// snapshots id, line:column and message (Snapshots/Diagnostics.{case}.verified.txt); plus the SEG2011 code fix.
/// </summary>
public sealed class UNetDiagnosticTests
{
    private const string Valid = """
        using Segment.Dsl;

        namespace Demo;

        [UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, AuxLevel = 1, Name = "tiny-unet")]
        [Input(3)]
        public partial class TinyUNet
        {
        }

        [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, DeepSupervision = true, Name = "tiny-unetpp")]
        [Input(3, Height = 32, Width = 64)]
        public partial class TinyNested
        {
        }
        """;

    public static IEnumerable<object[]> Cases() => new (string Name, string From, string To)[]
    {
        ("SEG2008_ChannelListLength", "Depth = 2,", "Depth = 3,"),
        ("SEG2009_HalvedChannelsNotWhole", "new[] { 8, 16, 32 }, Depth", "new[] { 8, 16, 33 }, Depth"),
        ("SEG2012_ChannelsMustDouble", "new[] { 8, 16, 32 }, Depth", "new[] { 8, 16, 48 }, Depth"),
        ("SEG2013_DepthOutOfRange", "Channels = new[] { 8, 16, 32 }, Depth = 2", "Depth = 0"),
        ("SEG2014_AuxLevelOutOfRange", "AuxLevel = 1", "AuxLevel = 2"),
        ("SEG2015_ClassWeightsCount", "AuxLevel = 1,", "AuxLevel = 1, ClassWeights = new[] { 1.0 },"),
        ("SEG2004_NonPositiveFilters", "Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 0, 32 }"),
        ("SEG2010_DeepSupervisionTooShallow", "Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 16 }"),
        ("SEG2011_InputNotDivisible", "Height = 32, Width = 64", "Height = 30, Width = 64"),
        ("SEG2005_UNetInputTooSmall", "[Input(3)]", "[Input(3, Height = 3, Width = 8)]"),
        ("SEG1010_UNetInvalidName", "\"tiny-unet\"", "\"tiny unet\""),
    }.Select(c => new object[] { c.Name, c.From, c.To });

    [Fact]
    public void Valid_declarations_have_no_diagnostic_and_generate()
    {
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", Valid));
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(GeneratorHarness.Analyze(compilation).Diagnostics);
        Assert.Contains(run.Sources, s => s.HintName == "Demo.TinyUNet.Module.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "Demo.TinyNested.Module.g.cs");
        Assert.Empty(GeneratorHarness.CompileErrors(run.Output));
    }

    [Theory]
    [InlineData("[Input(3, 4, 4)]", false)]        // Depth 2: 2^2 = 4, the smallest size the seed's floor-mode pooling takes
    [InlineData("[Input(3, 3, 4)]", true)]         // PyTorch: "Output size is too small" at the deepest pooling
    [InlineData("[Input(3, 4, 3)]", true)]
    public void A_unet_is_refused_exactly_below_its_floor_mode_boundary(string input, bool refused)
    {
        // Checked against the seeds' UNet in PyTorch (docs/diagnostics/SEG2005.md): 2^Depth runs, one pixel less does not.
        string source = Valid.Replace("[UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, AuxLevel = 1, Name = \"tiny-unet\")]\n[Input(3)]",
                                      "[UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, AuxLevel = 1, Name = \"tiny-unet\")]\n" + input);
        Assert.NotEqual(Valid, source);
        var (diagnostics, _) = GeneratorHarness.Analyze(GeneratorHarness.Compilation(("Tiny.cs", source)));
        Assert.Equal(refused ? new[] { "SEG2005" } : new string[0], diagnostics.Select(d => d.Id).ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_declaration_reports_on_the_argument(string name, string from, string to)
    {
        Assert.Contains(from, Valid);
        string source = Valid.Replace(from, to);
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));

        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == name.Substring(0, 7));
        Assert.Empty(run.Diagnostics);
        // Only the declaration with the error loses its files: the other one still generates (Module, Output, Loss, Summary, Network, OnnxExport),
        // the bad one gets a stand-in whose members throw naming the diagnostic.
        Assert.Equal(6, run.Sources.Count(s => s.HintName.EndsWith(".g.cs", System.StringComparison.Ordinal) && !s.HintName.Contains("GeneratedNetworks") && !s.HintName.EndsWith(".NotGenerated.g.cs", System.StringComparison.Ordinal)));
        string standIn = Assert.Single(run.Sources, s => s.HintName.EndsWith(".NotGenerated.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("is not generated: " + name.Substring(0, 7), standIn);
        Assert.Empty(GeneratorHarness.CompileErrors(run.Output));
        string text = string.Join("\n", diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).Select(GeneratorHarness.Describe));
        Snapshot.Verify(source + "\n\n// Diagnostics:\n" + text + "\n", "Diagnostics." + name, "txt");
    }

    [Theory]
    [InlineData("1.0, 0")]              // NaN, infinite or negative weights are SEG2017 (ReviewFixTests)
    [InlineData("1E+39, 1E+300")]
    [InlineData("0.25, 1E-07")]
    public void Class_weights_of_any_double_value_generate_compiling_code(string weights)
    {
        string source = Valid.Replace("AuxLevel = 1,", $"AuxLevel = 1, ClassWeights = new[] {{ {weights} }},");
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(GeneratorHarness.Analyze(compilation).Diagnostics);
        Assert.Contains("ClassWeights { get; }", run.Source("Demo.TinyUNet.Loss.g.cs"));
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
    }

    [Fact]
    public async Task Input_size_fix_writes_the_next_multiple()
    {
        string source = Valid.Replace("Height = 32, Width = 64", "Height = 30, Width = 64");
        string fixedText = await CodeFixTests.ApplyFirstFix(source, "SEG2011", new InputSizeCodeFixProvider());

        Assert.Equal(Valid.Replace("Height = 32, Width = 64", "Height = 32, Width = 64"), fixedText);
    }
}
