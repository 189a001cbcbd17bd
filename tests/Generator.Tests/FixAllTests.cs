using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Segment.Generator.CodeFixes;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Every code fix with several diagnostics in one document, through Roslyn's code-fix test framework: the fix applied
/// one diagnostic at a time, and Fix All in document, project and solution (each must reach the fixed code in one pass).
/// </summary>
/// <remarks>
/// The framework's <see cref="ReferenceAssemblies"/> would download a reference pack with its own NuGet client (into
/// the temp folder's test-packages); the tests give it none and add the harness's references instead (this runtime's
/// assemblies, Segment.Dsl, Segment.Runtime, TorchSharp), so they need no download and compile against what the
/// generator tests use. The generator does not run here: the analyzer needs only the declarations.
/// The framework skips its Fix All checks for a provider whose <see cref="CodeFixProvider.GetFixAllProvider"/> is null,
/// so <see cref="Every_code_fix_provider_fixes_all_in_document_project_and_solution"/> checks that none is.
/// </remarks>
public sealed class FixAllTests
{
    [Fact]
    public async Task In_channels_fix_all_writes_each_stages_expected_number()
    {
        // Four stages, three different expected numbers: 3 (the input's), 16 (En1's out) and 32 (16 + skip 16).
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net]
            [Input(3)]
            [Encoder("En1", 4, {|SEG2001:4|}, 8, 16)]
            [Encoder("En2", 4, /* skip */ {|SEG2001:12|}, 8, 16)]
            [Encoder("En3", 4, 16, 8, 16, Dilated = true, Side = true)]
            [Decoder("De2", 4, {|SEG2001:24|}, 8, 16, Dilated = true, Side = true)]
            [Decoder("De1", 4, inChannels: {|SEG2001:30|}, midChannels: 8, outChannels: 16, Side = true)]
            public partial class Tiny
            {
            }
            """;
        const string fixedSource = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net]
            [Input(3)]
            [Encoder("En1", 4, 3, 8, 16)]
            [Encoder("En2", 4, /* skip */ 16, 8, 16)]
            [Encoder("En3", 4, 16, 8, 16, Dilated = true, Side = true)]
            [Decoder("De2", 4, 32, 8, 16, Dilated = true, Side = true)]
            [Decoder("De1", 4, inChannels: 32, midChannels: 8, outChannels: 16, Side = true)]
            public partial class Tiny
            {
            }
            """;

        await Verify<InChannelsCodeFixProvider>(source, fixedSource, diagnostics: 4);
    }

    [Fact]
    public async Task In_channels_fix_all_in_project_and_solution_fixes_every_document()
    {
        const string first = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net(Name = "first")]
            [Encoder("En1", 4, 3, 8, 16)]
            [Encoder("En2", 4, {|SEG2001:8|}, 8, 16, Dilated = true, Side = true)]
            [Decoder("De1", 4, {|SEG2001:16|}, 8, 16, Side = true)]
            public partial class First
            {
            }
            """;
        const string second = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net(Name = "second")]
            [Input(1)]
            [Encoder("En1", 4, {|SEG2001:3|}, 8, 16)]
            [Encoder("En2", 4, 16, 8, 32, Dilated = true, Side = true)]
            [Decoder("De1", 4, {|SEG2001:32|}, 8, 16, Side = true)]
            public partial class Second
            {
            }
            """;
        static string Fixed(string s) => s
            .Replace("{|SEG2001:8|}", "16").Replace("{|SEG2001:16|}", "32")
            .Replace("{|SEG2001:3|}", "1").Replace("{|SEG2001:32|}", "48");

        var test = NewTest<InChannelsCodeFixProvider>(diagnostics: 4);
        // Fix All in document takes one pass per document; in project and in solution, one pass.
        test.NumberOfFixAllInDocumentIterations = 2;
        test.TestState.Sources.Add(("First.cs", first));
        test.TestState.Sources.Add(("Second.cs", second));
        test.FixedState.Sources.Add(("First.cs", Fixed(first)));
        test.FixedState.Sources.Add(("Second.cs", Fixed(second)));
        await test.RunAsync();
    }

    [Fact]
    public async Task Dilated_height_fix_all_writes_4_in_every_dilated_stage()
    {
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net]
            [Input(3)]
            [Encoder("En1", 4, 3, 8, 16)]
            [Encoder("En2", 4, 16, 8, 16)]
            [Encoder("En3", {|SEG2003:5|}, 16, 8, 16, Dilated = true, Side = true)]
            [Decoder("De2", {|SEG2003:3|}, 32, 8, 16, Dilated = true, Side = true)]
            [Decoder("De1", 4, 32, 8, 16, Side = true)]
            public partial class Tiny
            {
            }
            """;

        await Verify<DilatedHeightCodeFixProvider>(source, Unmark(source, "SEG2003", _ => "4"), diagnostics: 2);
    }

    [Fact]
    public async Task Depth_fix_all_sets_each_unets_depth_to_its_lists()
    {
        // One Depth to add (the default 4 is not written), one to replace, with different values.
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [UNet(Classes = 2, Channels = {|SEG2008:new[] { 8, 16, 32 }|}, Name = "first")]
            public partial class First
            {
            }

            [UNet(Channels = {|SEG2008:new[] { 8, 16, 32, 64 }|}, Depth = 2, Name = "second")]
            public partial class Second
            {
            }
            """;
        const string fixedSource = """
            using Segment.Dsl;

            namespace Demo;

            [UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, Name = "first")]
            public partial class First
            {
            }

            [UNet(Channels = new[] { 8, 16, 32, 64 }, Depth = 3, Name = "second")]
            public partial class Second
            {
            }
            """;

        await Verify<DepthCodeFixProvider>(source, fixedSource, diagnostics: 2);
    }

    [Fact]
    public async Task Deep_supervision_fix_all_turns_it_off_in_every_one_level_unetpp()
    {
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [UNetPlusPlus(Filters = new[] { 8, 16 }, DeepSupervision = {|SEG2010:true|}, Name = "first")]
            public partial class First
            {
            }

            [UNetPlusPlus(DeepSupervision = {|SEG2010:true|}, Filters = new[] { 4, 8 }, Name = "second")]
            public partial class Second
            {
            }
            """;

        await Verify<DeepSupervisionCodeFixProvider>(source, Unmark(source, "SEG2010", _ => "false"), diagnostics: 2);
    }

    [Fact]
    public async Task Input_size_fix_all_pads_every_height_and_width()
    {
        // Two levels (multiple 4): 30 -> 32, 50 -> 52; three levels (multiple 8): 20 -> 24.
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, Name = "first")]
            [Input(3, Height = {|SEG2011:30|}, Width = {|SEG2011:50|})]
            public partial class First
            {
            }

            [UNetPlusPlus(Filters = new[] { 8, 16, 32, 64 }, Name = "second")]
            [Input(3, Height = {|SEG2011:20|}, Width = 64)]
            public partial class Second
            {
            }
            """;
        var padded = new Dictionary<string, string> { ["30"] = "32", ["50"] = "52", ["20"] = "24" };

        await Verify<InputSizeCodeFixProvider>(source, Unmark(source, "SEG2011", v => padded[v]), diagnostics: 3);
    }

    [Fact]
    public async Task Channels_double_fix_all_writes_the_first_levels_doubling_into_every_element()
    {
        // Expected values come from Channels[0]: 8 -> 16, 32, 64; one Fix All gives a sound list (not 24 -> 48 -> 96).
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [UNet(Channels = new[] { 8, {|SEG2012:12|}, {|SEG2012:24|}, 64 }, Depth = 3, Bilinear = false, Name = "first")]
            public partial class First
            {
            }

            [UNet(Channels = [16, 32, {|SEG2012:48|}], Depth = 2, Bilinear = false, Name = "second")]
            public partial class Second
            {
            }
            """;
        var doubled = new Dictionary<string, string> { ["12"] = "16", ["24"] = "32", ["48"] = "64" };

        await Verify<ChannelsDoubleCodeFixProvider>(source, Unmark(source, "SEG2012", v => doubled[v]), diagnostics: 3);
    }

    [Fact]
    public async Task Channels_double_fix_all_writes_each_unetpp_filter_the_others_imply()
    {
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [UNetPlusPlus(Filters = new[] { 8, 16, {|SEG2024:48|}, 64 }, Name = "first")]
            public partial class First
            {
            }

            [UNetPlusPlus(Filters = [{|SEG2024:30|}, 64, 128, 256, 512], Name = "second")]
            public partial class Second
            {
            }
            """;
        var doubled = new Dictionary<string, string> { ["48"] = "32", ["30"] = "32" };

        await Verify<ChannelsDoubleCodeFixProvider>(source, Unmark(source, "SEG2024", v => doubled[v]), diagnostics: 2);
    }

    [Fact]
    public async Task Base_class_fix_all_removes_each_classes_base()
    {
        // No generator here: the bases are plain classes, so the declarations compile as written.
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            public class Shared
            {
            }

            [UNet(Channels = new[] { 8, 16, 32 }, Depth = 2, Name = "first")]
            public partial class First : {|SEG1017:Shared|}
            {
            }

            [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, Name = "second")]
            public partial class Second : {|SEG1017:Shared|}, System.ICloneable
            {
                public object Clone() => this;
            }
            """;
        string expected = source.Replace("First : {|SEG1017:Shared|}", "First").Replace("Second : {|SEG1017:Shared|}, System.ICloneable", "Second : System.ICloneable");

        await Verify<BaseClassCodeFixProvider>(source, expected, diagnostics: 2);
    }

    [Fact]
    public async Task Groups_fix_all_writes_each_declarations_group_count()
    {
        // gcd of the normalised channels: 8 (largest divisor up to 3: 2) and 12 (largest divisor up to 5: 4).
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [UNet(Channels = new[] { 8, 16, 32 }, Depth = 2, Name = "first")]
            [Blocks(Norm = Norm.Group, Groups = {|SEG2020:3|})]
            public partial class First
            {
            }

            [UNetPlusPlus(Filters = new[] { 12, 24, 48 }, Name = "second")]
            [Blocks(Norm = Norm.Group, Groups = {|SEG2020:5|}, Residual = true)]
            public partial class Second
            {
            }
            """;
        var fits = new Dictionary<string, string> { ["3"] = "2", ["5"] = "4" };

        await Verify<GroupsCodeFixProvider>(source, Unmark(source, "SEG2020", v => fits[v]), diagnostics: 2);
    }

    [Fact]
    public async Task Out_channels_fix_all_writes_each_producers_value()
    {
        // En2 (consumers En3 and De2 agree on 32) and En1 of the second class (En2 and De1 agree on 16).
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net(Name = "first")]
            [Encoder("En1", 5, 3, 8, 16)]
            [Encoder("En2", 4, 16, 8, {|SEG2023:30|})]
            [Encoder("En3", 4, 32, 16, 64)]
            [Encoder("En4", 4, 64, 16, 64, Dilated = true, Side = true)]
            [Decoder("De3", 4, 128, 16, 32, Side = true)]
            [Decoder("De2", 4, 64, 8, 16, Side = true)]
            [Decoder("De1", 5, 32, 8, 16, Side = true)]
            public partial class First
            {
            }

            [U2Net(Name = "second")]
            [Encoder("En1", 5, 3, 8, {|SEG2023:12|})]
            [Encoder("En2", 4, 16, 8, 32)]
            [Encoder("En3", 4, 32, 16, 64)]
            [Encoder("En4", 4, 64, 16, 64, Dilated = true, Side = true)]
            [Decoder("De3", 4, 128, 16, 32, Side = true)]
            [Decoder("De2", 4, 64, 8, 16, Side = true)]
            [Decoder("De1", 5, 32, 8, 16, Side = true)]
            public partial class Second
            {
            }
            """;
        var expected = new Dictionary<string, string> { ["30"] = "32", ["12"] = "16" };

        await Verify<OutChannelsCodeFixProvider>(source, Unmark(source, "SEG2023", v => expected[v]), diagnostics: 2);
    }

    [Fact]
    public async Task Decoder_order_fix_all_reverses_each_classes_decoders()
    {
        // Written shallowest first: one SEG1015 per class (not a SEG2001 per decoder); the fix lists them deepest first.
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net(Name = "first")]
            [Encoder("En1", 4, 3, 8, 16)]
            [Encoder("En2", 4, 16, 8, 32)]
            [Encoder("En3", 4, 32, 8, 64, Dilated = true, Side = true)]
            [{|SEG1015:Decoder("De1", 4, 48, 8, 16, Side = true)|}]
            [Decoder("De2", 4, 96, 8, 32, Dilated = true, Side = true)]
            public partial class First
            {
            }

            [U2Net(Name = "second")]
            [Encoder("En1", 4, 3, 8, 8)]
            [Encoder("En2", 4, 8, 8, 8)]
            [Encoder("En3", 4, 8, 8, 24)]
            [Encoder("En4", 4, 24, 8, 24, Dilated = true, Side = true)]
            [{|SEG1015:Decoder("De1", 4, 16, 8, 8, Side = true)|}]
            [Decoder("De2", 4, 32, 8, 8)]
            [Decoder("De3", 4, 48, 8, 24, Dilated = true)]
            public partial class Second
            {
            }
            """;
        string expected = source
            .Replace("{|SEG1015:Decoder(\"De1\", 4, 48, 8, 16, Side = true)|}]\n[Decoder(\"De2\", 4, 96, 8, 32, Dilated = true, Side = true)]",
                     "Decoder(\"De2\", 4, 96, 8, 32, Dilated = true, Side = true)]\n[Decoder(\"De1\", 4, 48, 8, 16, Side = true)]")
            .Replace("{|SEG1015:Decoder(\"De1\", 4, 16, 8, 8, Side = true)|}]\n[Decoder(\"De2\", 4, 32, 8, 8)]\n[Decoder(\"De3\", 4, 48, 8, 24, Dilated = true)]",
                     "Decoder(\"De3\", 4, 48, 8, 24, Dilated = true)]\n[Decoder(\"De2\", 4, 32, 8, 8)]\n[Decoder(\"De1\", 4, 16, 8, 8, Side = true)]");
        Assert.DoesNotContain("SEG1015", expected);

        await Verify<DecoderOrderCodeFixProvider>(source, expected, diagnostics: 2);
    }

    [Fact]
    public void Every_code_fix_provider_fixes_all_in_document_project_and_solution()
    {
        var providers = typeof(InChannelsCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        // The tests above cover each of them.
        Assert.Equal(
            new[] { nameof(BaseClassCodeFixProvider), nameof(ChannelsDoubleCodeFixProvider), nameof(DecoderOrderCodeFixProvider), nameof(DeepSupervisionCodeFixProvider), nameof(DepthCodeFixProvider), nameof(DilatedHeightCodeFixProvider), nameof(GroupsCodeFixProvider), nameof(InChannelsCodeFixProvider), nameof(InputSizeCodeFixProvider), nameof(OutChannelsCodeFixProvider) },
            providers.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (Type type in providers)
        {
            var provider = (CodeFixProvider)Activator.CreateInstance(type)!;
            FixAllProvider? fixAll = provider.GetFixAllProvider();
            Assert.True(fixAll is not null, $"{type.Name} has no Fix All provider");
            Assert.Superset(new HashSet<FixAllScope> { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }, fixAll!.GetSupportedFixAllScopes().ToHashSet());
        }
    }

    [Fact]
    public async Task Every_fix_of_a_diagnostic_id_has_that_id_as_equivalence_key()
    {
        // Fix All fixes the diagnostics whose action has the key of the one it started from (dotnet format takes the
        // first diagnostic's): a key holding the value would leave the stages that expect another number unfixed.
        const string source = """
            using Segment.Dsl;

            namespace Demo;

            [U2Net]
            [Input(3)]
            [Encoder("En1", 4, 4, 8, 16)]
            [Encoder("En2", 4, 12, 8, 16, Dilated = true, Side = true)]
            [Decoder("De1", 4, 30, 8, 16, Side = true)]
            public partial class Tiny
            {
            }
            """;
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Demo", "Demo", LanguageNames.CSharp,
            compilationOptions: GeneratorHarness.Compilation().Options,
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.MetadataReferences));
        Document document = workspace.AddDocument(project.Id, "Tiny.cs", Microsoft.CodeAnalysis.Text.SourceText.From(source));
        var diagnostics = GeneratorHarness.Analyze((await document.Project.GetCompilationAsync())!).Diagnostics.Where(d => d.Id == "SEG2001").ToList();
        Assert.Equal(3, diagnostics.Count);

        var keys = new List<string?>();
        foreach (Diagnostic diagnostic in diagnostics)
            await new InChannelsCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => keys.Add(a.EquivalenceKey), CancellationToken.None));

        Assert.Equal(new[] { "SEG2001", "SEG2001", "SEG2001" }, keys);
    }

    /// <summary>The source with each <c>{|id:value|}</c> replaced by <paramref name="fix"/>(value).</summary>
    private static string Unmark(string source, string id, Func<string, string> fix) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|" + id + @":([^|]*)\|\}", m => fix(m.Groups[1].Value));

    private static Task Verify<TCodeFix>(string source, string fixedSource, int diagnostics)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = NewTest<TCodeFix>(diagnostics);
        test.TestCode = source;
        test.FixedCode = fixedSource;
        return test.RunAsync();
    }

    private static CSharpCodeFixTest<SegmentDiagnosticAnalyzer, TCodeFix, DefaultVerifier> NewTest<TCodeFix>(int diagnostics)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<SegmentDiagnosticAnalyzer, TCodeFix, DefaultVerifier>
        {
            // No reference pack to download: the harness's references below (see the class remarks).
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            // One at a time: one iteration per diagnostic. Fix All (document, project, solution): one pass fixes all.
            NumberOfIncrementalIterations = diagnostics,
            NumberOfFixAllIterations = 1,
        };
        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.MetadataReferences);
        return test;
    }
}
