using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Segment.Generator.Diagnostics;
using Segment.Generator.Shapes;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Declarations a user review found to break the generated code or the generator: reserved stage names (SEG1013),
/// two families on one class (SEG1014), huge channel counts (SEG2016), bad loss weights (SEG2017, SEG2018),
/// SEG9001's text, and colliding forward locals.
/// </summary>
public sealed class ReviewFixTests
{
    private static string U2Net(string en1 = "En1", string en2 = "En2", string de1 = "De1", string network = "", string stage1 = "", string stage2 = ", Dilated = true, Side = true", int mid = 8, string extra = "") => $$"""
        using Segment.Dsl;

        namespace Demo;

        [U2Net(Name = "named"{{network}})]
        [Encoder("{{en1}}", 4, 3, {{mid}}, 16{{stage1}})]
        [Encoder("{{en2}}", 4, 16, 8, 16{{stage2}})]
        [Decoder("{{de1}}", 4, 32, 8, 16, Side = true)]
        {{extra}}
        public partial class Named
        {
        }
        """;

    private static (ImmutableDiagnostics Analyzer, GeneratorRun Run) Check(string source)
    {
        var compilation = GeneratorHarness.Compilation(("Named.cs", source));
        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        Assert.Empty(exceptions);
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Assert.DoesNotContain(diagnostics.Concat(run.Diagnostics), d => d.Id == "SEG9001");
        return (new ImmutableDiagnostics(diagnostics), run);
    }

    private static string Underlined(Diagnostic d) =>
        d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private static void AssertCompiles(GeneratorRun run)
    {
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
    }

    // 1. Reserved stage names -------------------------------------------------------------------

    [Theory]
    [InlineData("Summary")]          // the generated nested Summary class
    [InlineData("Dispose")]          // Module.Dispose()
    [InlineData("parameters")]
    [InlineData("training")]
    [InlineData("forward")]
    [InlineData("state_dict")]
    [InlineData("out_conv")]         // the fuse convolution's field
    [InlineData("ExportOnnx")]
    [InlineData("ToString")]
    [InlineData("GetHashCode")]
    [InlineData("Named")]            // the class itself
    [InlineData("side_En1")]         // stage En1's side field (En1 has Side = true here)
    public void A_stage_named_like_a_member_is_SEG1013_on_the_name(string name)
    {
        var (analyzer, run) = Check(U2Net(en2: name, stage1: ", Side = true"));

        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG1013", d.Id);
        Assert.Equal($"\"{name}\"", Underlined(d));
        Assert.Contains("reserved", d.GetMessage());
        run.AssertOnlyStandIn("Demo.Named"); // the stand-in only: its members throw naming the diagnostic
    }

    [Fact]
    public void The_reserved_list_covers_every_member_of_the_runtime_module()
    {
        // Every public or protected member a derived class sees (Module, Module<TIn, TOut>, object), by reflection.
        var flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        Type module = typeof(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>);
        var visible = module.GetMembers(flags)
            .Where(m => m switch
            {
                MethodBase b => (b.IsPublic || b.IsFamily || b.IsFamilyOrAssembly) && !b.IsSpecialName && !b.IsConstructor,
                PropertyInfo p => p.GetAccessors(true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                EventInfo => true,
                _ => false,
            })
            .Select(m => m.Name)
            .Distinct()
            .ToList();
        Assert.Contains("state_dict", visible);
        var reserved = ReservedNames.RuntimeModuleMembers.Concat(ReservedNames.ObjectMembers).ToHashSet();
        Assert.DoesNotContain(visible, n => !reserved.Contains(n));
    }

    [Theory]
    [InlineData("summary")]   // names compare case-sensitively, as C# does
    [InlineData("Training")]
    [InlineData("Forward")]
    public void A_stage_named_like_a_member_in_another_case_compiles(string name)
    {
        var (analyzer, run) = Check(U2Net(en2: name));
        Assert.Empty(analyzer.All);
        AssertCompiles(run);
    }

    // 2. Huge channel counts ---------------------------------------------------------------------

    [Theory]
    [InlineData("[UNet(BaseChannels = 1 << 29, Depth = 4)]", "1 << 29")]
    [InlineData("[UNet(BaseChannels = 1 << 17, Depth = 4)]", "1 << 17")]            // 2^21 at the bottom
    [InlineData("[UNet(Channels = new[] { 1 << 30, 1 << 30 }, Depth = 1)]", "1 << 30")]            // each element
    [InlineData("[UNet(Classes = 1 << 30)]", "1 << 30")]
    [InlineData("[UNetPlusPlus(Filters = new[] { 1 << 30, 1 << 30 })]", "1 << 30")]
    [InlineData("[UNetPlusPlus(Filters = new[] { 8, 16 }, Classes = 1 << 21)]", "1 << 21")]
    public void Channels_above_2_to_the_20_are_SEG2016_on_the_argument(string attribute, string argument)
    {
        string source = $$"""
            using Segment.Dsl;
            namespace Demo;
            {{attribute}}
            public partial class Named { }
            """;
        var (analyzer, run) = Check(source);

        Assert.NotEmpty(analyzer.All);
        Assert.All(analyzer.All, d => Assert.Equal("SEG2016", d.Id));
        Assert.All(analyzer.All, d => Assert.Equal(argument, Underlined(d)));
        run.AssertOnlyStandIn("Demo.Named"); // the stand-in only: its members throw naming the diagnostic
    }

    [Theory]
    [InlineData("", ", Side = true", 1 << 30, "1073741824")]                     // mid-channels
    [InlineData(", OutChannels = 1 << 20", ", Side = true", 8, "1 << 20")]       // 2 sides * 2^20 into the fuse convolution
    public void U2Net_channels_above_2_to_the_20_are_SEG2016(string network, string stage2, int mid, string argument)
    {
        var (analyzer, run) = Check(U2Net(network: network, stage2: ", Dilated = true" + stage2, mid: mid));

        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG2016", d.Id);
        Assert.Equal(argument, Underlined(d));
        run.AssertOnlyStandIn("Demo.Named"); // the stand-in only: its members throw naming the diagnostic
    }

    [Fact]
    public void Input_channels_above_2_to_the_20_are_SEG2016()
    {
        var (analyzer, _) = Check("using Segment.Dsl;\nnamespace Demo;\n[UNet]\n[Input(1 << 21)]\npublic partial class Named { }\n");
        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG2016", d.Id);
        Assert.Equal("1 << 21", Underlined(d));
    }

    [Fact]
    public void Channels_of_exactly_2_to_the_20_generate_compiling_code_with_exact_parameter_counts()
    {
        var (analyzer, run) = Check("using Segment.Dsl;\nnamespace Demo;\n[UNetPlusPlus(Filters = new[] { 1 << 20, 1 << 20 }, Classes = 1 << 20)]\npublic partial class Named { }\n");
        Assert.Empty(analyzer.All);
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Sources, s => s.HintName == "Demo.Named.Summary.g.cs");
        AssertCompiles(run);
    }

    [Fact]
    public void U2Net_mid_channels_of_exactly_2_to_the_20_generate_compiling_code()
    {
        var (analyzer, run) = Check(U2Net(mid: 1 << 20, network: ", OutChannels = 1 << 19"));
        Assert.Empty(analyzer.All);
        Assert.Empty(run.Diagnostics);
        AssertCompiles(run);
    }

    [Fact]
    public void A_U2Net_whose_parameter_count_overflows_a_long_is_SEG2019_not_SEG9001()
    {
        var (analyzer, run) = Check("using Segment.Dsl;\nnamespace Demo;\n[U2Net]\n[Encoder(\"En1\", 150000, 3, 1048576, 524288)]\n"
            + "[Encoder(\"En2\", 150000, 524288, 1048576, 524288, Side = true)]\n[Decoder(\"De1\", 150000, 1048576, 1048576, 1048576, Side = true)]\n"
            + "public partial class Named { }\n");
        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG2019", d.Id);
        Assert.Equal("U2Net", Underlined(d));
        run.AssertOnlyStandIn("Demo.Named"); // the stand-in only: its members throw naming the diagnostic
    }

    // 3. SEG9001's text --------------------------------------------------------------------------

    [Fact]
    public void SEG9001_message_has_no_double_period()
    {
        string message = Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, "Net", new OverflowException().Message)
            .GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("..", message);
        Assert.Contains("overflow", message);
        Assert.Contains("please report", message);
    }

    // 4. Loss weights ----------------------------------------------------------------------------

    [Theory]
    [InlineData(", FusedLossWeight = -1", "", "-1")]
    [InlineData(", FusedLossWeight = double.NaN", "", "double.NaN")]
    [InlineData(", FusedLossWeight = double.PositiveInfinity", "", "double.PositiveInfinity")]
    [InlineData("", ", Side = true, SideLossWeight = -0.5", "-0.5")]
    public void Negative_or_non_finite_loss_weights_are_SEG2017_on_the_argument(string network, string stage1, string argument)
    {
        var (analyzer, run) = Check(U2Net(network: network, stage1: stage1));

        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG2017", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
        Assert.Equal(argument, Underlined(d));
        run.AssertOnlyStandIn("Demo.Named"); // the stand-in only: its members throw naming the diagnostic
    }

    [Fact]
    public void Zero_loss_weights_are_allowed()
    {
        var (analyzer, run) = Check(U2Net(network: ", FusedLossWeight = 0", stage1: ", Side = true, SideLossWeight = 0"));
        Assert.Empty(analyzer.All);
        AssertCompiles(run);
    }

    [Theory]
    [InlineData("-1.0")]
    [InlineData("double.NaN")]
    [InlineData("double.NegativeInfinity")]
    public void Negative_or_non_finite_class_weights_are_SEG2017(string weight)
    {
        var (analyzer, _) = Check($"using Segment.Dsl;\nnamespace Demo;\n[UNet(Classes = 2, ClassWeights = new[] {{ 1.0, {weight} }})]\npublic partial class Named {{ }}\n");
        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG2017", d.Id);
        Assert.Contains("ClassWeights[1]", d.GetMessage());
    }

    [Fact]
    public void SideLossWeight_without_Side_is_a_SEG2018_warning_and_the_network_still_generates()
    {
        var (analyzer, run) = Check(U2Net(stage1: ", SideLossWeight = 0.5"));

        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG2018", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity); // the harness compiles with warnings as errors
        Assert.Equal("0.5", Underlined(d));
        Assert.Contains(run.Sources, s => s.HintName == "Demo.Named.Module.g.cs");
        AssertCompiles(run);
    }

    // 5. Two families on one class ---------------------------------------------------------------

    [Theory]
    [InlineData("[UNet]", "UNet", "U2Net")]
    [InlineData("[UNetPlusPlus]", "UNetPlusPlus", "U2Net")]
    public void A_second_family_attribute_is_SEG1014_on_that_attribute(string second, string secondName, string firstName)
    {
        var (analyzer, run) = Check(U2Net(extra: second));

        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG1014", d.Id);
        Assert.Equal(second.Trim('[', ']'), Underlined(d));
        Assert.Contains($"[{firstName}]", d.GetMessage());
        Assert.Contains($"[{secondName}]", d.GetMessage());
        // The first family still completes the class, once.
        Assert.Contains(run.Sources, s => s.HintName == "Demo.Named.Module.g.cs");
        AssertCompiles(run);
    }

    [Fact]
    public void UNet_and_UNetPlusPlus_on_one_class_is_SEG1014_on_the_second()
    {
        var (analyzer, run) = Check("using Segment.Dsl;\nnamespace Demo;\n[UNetPlusPlus(Filters = new[] { 8, 16 })]\n[UNet(BaseChannels = 8, Depth = 2)]\npublic partial class Named { }\n");
        Diagnostic d = Assert.Single(analyzer.All);
        Assert.Equal("SEG1014", d.Id);
        Assert.StartsWith("UNet(", Underlined(d));
        AssertCompiles(run);
    }

    // 6. Forward locals derived from two stages ---------------------------------------------------

    [Theory]
    [InlineData("Stem", "Stem_pooled", "De1")]   // En2's local = En1's pooled output
    [InlineData("En1", "De1_up", "De1")]         // De1's resized input = En2's local
    [InlineData("En1", "En2", "En2_side")]       // En2's side logits = De1's local
    [InlineData("En1", "En1_pooled_2", "En1_pooled")]
    public void Locals_derived_from_different_stages_never_collide(string en1, string en2, string de1)
    {
        var (analyzer, run) = Check(U2Net(en1, en2, de1, stage1: "", stage2: ", Dilated = true, Side = true"));

        Assert.Empty(analyzer.All);
        Assert.Contains(run.Sources, s => s.HintName == "Demo.Named.Module.g.cs");
        AssertCompiles(run);
    }

    /// <summary>The analyzer's diagnostics (a tiny wrapper so the tuple reads well).</summary>
    private sealed class ImmutableDiagnostics
    {
        public ImmutableDiagnostics(IEnumerable<Diagnostic> all) => All = all.ToList();

        public IReadOnlyList<Diagnostic> All { get; }
    }
}
