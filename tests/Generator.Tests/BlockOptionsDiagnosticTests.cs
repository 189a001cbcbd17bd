using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Segment.Generator.CodeFixes;
using Segment.Generator.Tests.Harness;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// [Blocks]: every option combination generates code that compiles, in both UNet families; the three diagnostics
/// (SEG2020 groups, SEG2021 range, SEG2022 family) land on the argument with a snapshot of id, line:column and
/// message; SEG2020's fix writes the largest group count that fits every block, or adds Groups after Norm.
/// </summary>
public sealed class BlockOptionsDiagnosticTests
{
    private const string Valid = """
        using Segment.Dsl;

        namespace Demo;

        [UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, Name = "tiny-unet")]
        [Blocks(Norm = Norm.Group, Groups = 4, Activation = Activation.PReLU, Dropout = 0.1, Residual = true)]
        [Input(3)]
        public partial class TinyUNet
        {
        }

        [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, DeepSupervision = true, Name = "tiny-unetpp")]
        [Blocks(Norm = Norm.Instance, Activation = Activation.GELU)]
        [Input(3)]
        public partial class TinyNested
        {
        }
        """;

    private const string U2Net = """
        using Segment.Dsl;

        namespace Demo;

        [U2Net(Name = "tiny")]
        [Blocks(Residual = true)]
        [Encoder("En1", 4, 3, 8, 16)]
        [Encoder("En2", 4, 16, 8, 16, Dilated = true, Side = true)]
        [Decoder("De1", 4, 32, 8, 16, Side = true)]
        public partial class Tiny
        {
        }
        """;

    public static IEnumerable<object[]> Combinations()
    {
        string[] norms = ["Norm = Norm.Batch", "Norm = Norm.Instance", "Norm = Norm.Group, Groups = 8"];
        string[] activations = ["Activation = Activation.ReLU", "Activation = Activation.LeakyReLU, NegativeSlope = 0.3", "Activation = Activation.PReLU", "Activation = Activation.ELU", "Activation = Activation.GELU"];
        for (int i = 0; i < norms.Length * activations.Length; i++)
        {
            string extras = (i % 4) switch { 0 => "", 1 => ", Residual = true", 2 => ", Dropout = 0.5", _ => ", Residual = true, Dropout = 0.25" };
            yield return new object[] { $"{norms[i % norms.Length]}, {activations[i / norms.Length]}{extras}" };
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_combination_generates_compiling_code_for_both_families(string options)
    {
        string source = Valid
            .Replace("Norm = Norm.Group, Groups = 4, Activation = Activation.PReLU, Dropout = 0.1, Residual = true", "UNET_OPTIONS")
            .Replace("Norm = Norm.Instance, Activation = Activation.GELU", "UNETPP_OPTIONS")
            .Replace("UNET_OPTIONS", options).Replace("UNETPP_OPTIONS", options);
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(GeneratorHarness.Analyze(compilation).Diagnostics);
        Assert.Empty(run.Diagnostics);
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
        bool seed = options.StartsWith("Norm = Norm.Batch, Activation = Activation.ReLU", System.StringComparison.Ordinal) && !options.Contains("Residual") && !options.Contains("Dropout");
        Assert.Equal(!seed, run.Source("Demo.TinyUNet.Module.g.cs").Contains("options: blockOptions"));
        Assert.Equal(!seed, run.Source("Demo.TinyNested.Module.g.cs").Contains("options: blockOptions"));
    }

    public static IEnumerable<object[]> Cases() => new (string Name, string Source, string From, string To)[]
    {
        ("SEG2020_GroupsDoNotDivide", Valid, "Groups = 4,", "Groups = 3,"),
        ("SEG2020_DefaultGroupsDoNotDivide", Valid, "Channels = new[] { 8, 16, 32 }, Depth = 2, Name = \"tiny-unet\")]\n[Blocks(Norm = Norm.Group, Groups = 4,", "Channels = new[] { 12, 24, 48 }, Depth = 2, Name = \"tiny-unet\")]\n[Blocks(Norm = Norm.Group,"),
        ("SEG2021_DropoutOutOfRange", Valid, "Dropout = 0.1", "Dropout = 1.0"),
        ("SEG2021_SlopeNotFinite", Valid, "Activation = Activation.GELU", "Activation = Activation.LeakyReLU, NegativeSlope = double.NaN"),
        ("SEG2022_U2NetResidual", U2Net, "", ""),
        ("SEG2021_AttentionOneChannelSkip", Valid, "Channels = new[] { 8, 16, 32 }, Depth = 2, Name", "Channels = new[] { 1, 2, 4 }, Depth = 2, AttentionGates = true, Name"),
    }.Select(c => new object[] { c.Name, c.Source, c.From, c.To });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_option_reports_once_on_the_argument(string name, string valid, string from, string to)
    {
        Assert.Contains(from, valid);
        string source = from.Length == 0 ? valid : valid.Replace(from, to);
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));

        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(exceptions);
        Assert.Equal(name.Substring(0, 7), Assert.Single(diagnostics).Id);
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources, s => s.HintName.EndsWith(".NotGenerated.g.cs", System.StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileErrors(run.Output));
        string text = string.Join("\n", diagnostics.Select(GeneratorHarness.Describe));
        Snapshot.Verify(source + "\n\n// Diagnostics:\n" + text + "\n", "Diagnostics." + name, "txt");
    }

    [Fact]
    public async Task Groups_fix_writes_the_largest_group_count_that_fits()
    {
        string source = Valid.Replace("Groups = 4,", "Groups = 3,");
        string fixedText = await CodeFixTests.ApplyFirstFix(source, "SEG2020", new GroupsCodeFixProvider());
        Assert.Equal(Valid.Replace("Groups = 4,", "Groups = 2,"), fixedText);
    }

    [Fact]
    public async Task Groups_fix_adds_the_argument_when_the_default_does_not_fit()
    {
        string source = Valid.Replace("Channels = new[] { 8, 16, 32 }", "Channels = new[] { 12, 24, 48 }").Replace("Norm = Norm.Group, Groups = 4,", "Norm = Norm.Group,");
        string fixedText = await CodeFixTests.ApplyFirstFix(source, "SEG2020", new GroupsCodeFixProvider());
        Assert.Equal(source.Replace("Norm = Norm.Group,", "Norm = Norm.Group, Groups = 6,"), fixedText);
        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compilation(("Tiny.cs", fixedText))).Diagnostics);
    }
}
