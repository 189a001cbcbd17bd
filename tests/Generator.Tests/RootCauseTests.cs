using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Segment.Generator.CodeFixes;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// One typo, one diagnostic on it: generated variations of a mistyped channel-list element (SEG2012 / SEG2009 on that
/// element, whichever its position, with the value the rest of the list implies) and of a mistyped U²-Net producer
/// (SEG2023 on its out-channels, not a SEG2001 on each consumer). Each case checks the single diagnostic's id, line and
/// column, expected value and code fix (the fixed declaration has no diagnostic), and that neither the broken nor the
/// fixed declaration gives a C# error anywhere, code that uses the class included.
/// </summary>
public sealed class RootCauseTests
{
    private const string User = """

        public static class UsesTheNetwork
        {
            public static object Run(global::TorchSharp.torch.Tensor x) => new Demo.Tiny().forward(x);
        }
        """;

    public static IEnumerable<object[]> ChannelListTypos()
    {
        foreach (int first in new[] { 8, 16, 32 })
            foreach (int depth in new[] { 3, 4 })
                for (int wrong = 0; wrong <= depth; wrong++)
                    foreach (bool bilinear in new[] { false, true })
                    {
                        int right = first << wrong;
                        int typo = wrong == 0 ? right - 1 : right + (bilinear ? 1 : right / 2);   // odd with bilinear: SEG2009
                        yield return new object[] { first, depth, wrong, typo, bilinear };
                    }
    }

    [Theory]
    [MemberData(nameof(ChannelListTypos))]
    public async Task A_mistyped_channel_list_element_is_the_only_one_blamed(int first, int depth, int wrong, int typo, bool bilinear)
    {
        int[] channels = Enumerable.Range(0, depth + 1).Select(k => k == wrong ? typo : first << k).ToArray();
        string list = string.Join(", ", channels);
        string source = $$"""
            using Segment.Dsl;

            namespace Demo;

            [UNet(Channels = new[] { {{list}} }, Depth = {{depth}}, Bilinear = {{(bilinear ? "true" : "false")}})]
            public partial class Tiny
            {
            }
            """ + User;
        string id = wrong > 0 && bilinear && typo % 2 != 0 ? "SEG2009" : "SEG2012";

        Diagnostic d = Assert.Single(GeneratorHarness.DiagnosticsOfCleanBuild(source));
        Assert.Equal(id, d.Id);
        int line = 4, column = source.Split('\n')[line].IndexOf("{ " + list, System.StringComparison.Ordinal) + 2
                               + string.Join(", ", channels.Take(wrong)).Length + (wrong > 0 ? 2 : 0);
        Assert.Equal((line, column), (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal((first << wrong).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Properties["Expected"]);
        Assert.Contains($"expected {first << wrong}", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        string fixedSource = await CodeFixTests.ApplyFirstFix(source, id, new ChannelsDoubleCodeFixProvider());
        Assert.Equal(source.Replace("{ " + list + " }", "{ " + string.Join(", ", Enumerable.Range(0, depth + 1).Select(k => first << k)) + " }"), fixedSource);
        Assert.Empty(GeneratorHarness.DiagnosticsOfCleanBuild(fixedSource));
    }

    public static IEnumerable<object[]> FilterTypos()
    {
        foreach (int first in new[] { 4, 8, 16, 32 })
            foreach (int count in new[] { 4, 5 })
                for (int wrong = 0; wrong < count; wrong++)
                    foreach (bool deep in new[] { false, true })
                    {
                        int right = first << wrong;
                        yield return new object[] { first, count, wrong, wrong == 0 ? right - 1 : right + right / 2, deep };
                    }
    }

    [Theory]
    [MemberData(nameof(FilterTypos))]
    public async Task A_unetpp_filter_off_the_others_doubling_is_one_warning_on_it(int first, int count, int wrong, int typo, bool deep)
    {
        int[] filters = Enumerable.Range(0, count).Select(k => k == wrong ? typo : first << k).ToArray();
        string list = string.Join(", ", filters);
        string source = $$"""
            using Segment.Dsl;

            namespace Demo;

            [UNetPlusPlus(Filters = new[] { {{list}} }, DeepSupervision = {{(deep ? "true" : "false")}})]
            public partial class Tiny
            {
            }
            """ + User;

        Diagnostic d = Assert.Single(GeneratorHarness.DiagnosticsOfCleanBuild(source));
        Assert.Equal("SEG2024", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity); // the harness builds with warnings as errors
        int line = 4, column = source.Split('\n')[line].IndexOf("{ " + list, System.StringComparison.Ordinal) + 2
                               + string.Join(", ", filters.Take(wrong)).Length + (wrong > 0 ? 2 : 0);
        Assert.Equal((line, column), (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal((first << wrong).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Properties["Expected"]);
        Assert.Contains($"{count - 1} of the {count} filters double from {first}, expected {first << wrong}", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        string fixedSource = await CodeFixTests.ApplyFirstFix(source, "SEG2024", new ChannelsDoubleCodeFixProvider());
        Assert.Equal(source.Replace("{ " + list + " }", "{ " + string.Join(", ", Enumerable.Range(0, count).Select(k => first << k)) + " }"), fixedSource);
        Assert.Empty(GeneratorHarness.DiagnosticsOfCleanBuild(fixedSource));
    }

    [Theory]
    [InlineData(new[] { 16, 24, 32, 48 })]        // a design of its own: no level has a majority behind it
    [InlineData(new[] { 8, 16, 33 })]             // three filters: too few to call one a typo
    [InlineData(new[] { 32, 64, 128, 256, 512 })] // doubling
    [InlineData(new[] { 10, 20, 40, 80 })]
    public void Unetpp_filters_without_one_odd_element_get_no_warning(int[] filters)
    {
        string source = "using Segment.Dsl;\n\nnamespace Demo;\n\n[UNetPlusPlus(Filters = new[] { " + string.Join(", ", filters) + " })]\npublic partial class Tiny\n{\n}\n" + User;
        Assert.Empty(GeneratorHarness.DiagnosticsOfCleanBuild(source));
    }

    // A small U²-Net in which every encoder but the deepest feeds two stages: the next encoder and a decoder's skip.
    private static readonly (string Kind, string Name, int Height, int In, int Mid, int Out, string Extra)[] Stages =
    [
        ("Encoder", "En1", 5, 3, 8, 16, ""),
        ("Encoder", "En2", 4, 16, 8, 32, ""),
        ("Encoder", "En3", 4, 32, 16, 64, ""),
        ("Encoder", "En4", 4, 64, 16, 64, ", Dilated = true, Side = true"),
        ("Decoder", "De3", 4, 128, 16, 32, ", Side = true"),
        ("Decoder", "De2", 4, 64, 8, 16, ", Side = true"),
        ("Decoder", "De1", 5, 32, 8, 16, ", Side = true"),
    ];

    public static IEnumerable<object[]> ProducerTypos()
    {
        for (int stage = 0; stage < 3; stage++)
            foreach (int delta in new[] { -2, 5, 14 })
                yield return new object[] { stage, Stages[stage].Out + delta };
    }

    [Theory]
    [MemberData(nameof(ProducerTypos))]
    public async Task A_mistyped_producer_is_blamed_once_with_the_value_its_consumers_agree_on(int stage, int typo)
    {
        string Declaration(int wrongStage, int value) =>
            "using Segment.Dsl;\n\nnamespace Demo;\n\n[U2Net(Name = \"tiny\")]\n[Input(3)]\n"
            + string.Join("\n", Stages.Select((s, i) => $"[{s.Kind}(\"{s.Name}\", {s.Height}, {s.In}, {s.Mid}, {(i == wrongStage ? value : s.Out)}{s.Extra})]"))
            + "\npublic partial class Tiny\n{\n}\n" + User;
        string source = Declaration(stage, typo);

        Diagnostic d = Assert.Single(GeneratorHarness.DiagnosticsOfCleanBuild(source));
        Assert.Equal("SEG2023", d.Id);
        int line = 6 + stage;
        string text = source.Split('\n')[line];
        Assert.Equal((line, text.LastIndexOf(typo.ToString(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal)),
            (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal(Stages[stage].Out.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Properties["Expected"]);

        string fixedSource = await CodeFixTests.ApplyFirstFix(source, "SEG2023", new OutChannelsCodeFixProvider());
        Assert.Equal(Declaration(-1, 0), fixedSource);
        Assert.Empty(GeneratorHarness.DiagnosticsOfCleanBuild(fixedSource));
    }

    [Fact]
    public void A_consumer_with_its_own_typo_is_still_reported_on_its_in_channels()
    {
        // De1 alone disagrees (one consumer of De2): no majority against De2, so SEG2001 stays on De1's in-channels.
        string source = "using Segment.Dsl;\n\nnamespace Demo;\n\n[U2Net(Name = \"tiny\")]\n[Input(3)]\n"
            + string.Join("\n", Stages.Select(s => $"[{s.Kind}(\"{s.Name}\", {s.Height}, {(s.Name == "De1" ? 30 : s.In)}, {s.Mid}, {s.Out}{s.Extra})]"))
            + "\npublic partial class Tiny\n{\n}\n" + User;
        Diagnostic d = Assert.Single(GeneratorHarness.DiagnosticsOfCleanBuild(source));
        Assert.Equal("SEG2001", d.Id);
        Assert.Equal("32", d.Properties["Expected"]);
    }

}
