using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Segment.Generator.CodeFixes;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The code fixes applied in a workspace, as the IDE applies them.</summary>
public sealed class CodeFixTests
{
    private const string Source = """
        using Segment.Dsl;

        namespace Demo;

        [U2Net]
        [Input(3)]
        [Encoder("En1", 4, 3, 8, 16)]
        [Encoder("En2", 4, /* skip */ 12, 8, 16)]
        [Encoder("En3", 5, 16, 8, 16, Dilated = true, Side = true)]
        [Decoder("De2", 4, 32, 8, 16, Dilated = true, Side = true)]
        [Decoder("De1", 4, inChannels: 30, midChannels: 8, outChannels: 16, Side = true)]
        public partial class Tiny
        {
        }
        """;

    [Fact]
    public async Task In_channels_fix_writes_the_expected_number()
    {
        string fixedOnce = await ApplyFirstFix(Source, "SEG2001", new InChannelsCodeFixProvider());
        string fixedTwice = await ApplyFirstFix(fixedOnce, "SEG2001", new InChannelsCodeFixProvider());

        Assert.Equal(Source.Replace("/* skip */ 12,", "/* skip */ 16,").Replace("inChannels: 30", "inChannels: 32"), fixedTwice);
    }

    [Fact]
    public async Task Dilated_height_fix_writes_4()
    {
        string fixedText = await ApplyFirstFix(Source, "SEG2003", new DilatedHeightCodeFixProvider());

        Assert.Equal(Source.Replace("[Encoder(\"En3\", 5,", "[Encoder(\"En3\", 4,"), fixedText);
    }

    private const string UNetSource = """
        using Segment.Dsl;

        namespace Demo;

        [UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, Name = "tiny-unet")]
        public partial class TinyUNet
        {
        }

        [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, DeepSupervision = true, Name = "tiny-unetpp")]
        public partial class TinyNested
        {
        }
        """;

    [Theory]
    // Depth written: replaced.
    [InlineData("Depth = 2,", "Depth = 4,", "Depth = 2,")]
    // Depth not written (the default 4): added after Channels, before the next argument or last.
    [InlineData("Channels = new[] { 8, 16, 32 }, Depth = 2, Name", "Channels = new[] { 8, 16, 32 }, Name", "Channels = new[] { 8, 16, 32 }, Depth = 2, Name")]
    [InlineData("[UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, Name = \"tiny-unet\")]", "[UNet(Channels = new[] { 8, 16, 32, 64 })]", "[UNet(Channels = new[] { 8, 16, 32, 64 }, Depth = 3)]")]
    [InlineData("[UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, Name = \"tiny-unet\")]", "[UNet(Channels = new[] { 8, 16, 32, 64 } )]", "[UNet(Channels = new[] { 8, 16, 32, 64 }, Depth = 3 )]")]
    public async Task Channel_list_length_fix_sets_depth_to_the_lists(string valid, string broken, string expected)
    {
        Assert.Contains(valid, UNetSource);
        string source = UNetSource.Replace(valid, broken);

        string fixedText = await ApplyFirstFix(source, "SEG2008", new DepthCodeFixProvider());

        Assert.Equal(UNetSource.Replace(valid, expected), fixedText);
        Assert.DoesNotContain(GeneratorHarness.Analyze(GeneratorHarness.Compilation(("Tiny.cs", fixedText))).Diagnostics, d => d.Id == "SEG2008");
    }

    [Fact]
    public async Task Channel_list_length_has_no_fix_when_the_list_gives_no_allowed_depth()
    {
        // One value is depth 0, which SEG2013 forbids: no single value fixes it, so no fix is offered.
        string source = UNetSource.Replace("Channels = new[] { 8, 16, 32 }, Depth = 2", "Channels = new[] { 8 }, Depth = 2");

        Assert.Empty(await RegisteredFixes(source, "SEG2008", new DepthCodeFixProvider()));
    }

    [Fact]
    public async Task Deep_supervision_fix_turns_it_off()
    {
        string valid = UNetSource.Replace("Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 16 }").Replace("DeepSupervision = true", "DeepSupervision = false");
        string source = UNetSource.Replace("Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 16 }");

        string fixedText = await ApplyFirstFix(source, "SEG2010", new DeepSupervisionCodeFixProvider());

        Assert.Equal(valid, fixedText);
        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compilation(("Tiny.cs", fixedText))).Diagnostics);
    }

    [Fact]
    public void Fixers_target_the_analyzer_ids()
    {
        var ids = new SegmentDiagnosticAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();

        Assert.Contains(new InChannelsCodeFixProvider().FixableDiagnosticIds.Single(), ids);
        Assert.Contains(new DilatedHeightCodeFixProvider().FixableDiagnosticIds.Single(), ids);
        Assert.Equal(Diagnostics.DiagnosticDescriptors.InChannelsMismatch.Id, new InChannelsCodeFixProvider().FixableDiagnosticIds.Single());
        Assert.Equal(Diagnostics.DiagnosticDescriptors.DilatedHeight.Id, new DilatedHeightCodeFixProvider().FixableDiagnosticIds.Single());
        Assert.Equal(Diagnostics.DiagnosticDescriptors.InputNotDivisible.Id, new InputSizeCodeFixProvider().FixableDiagnosticIds.Single());
        Assert.Equal(Diagnostics.DiagnosticDescriptors.ChannelListLength.Id, new DepthCodeFixProvider().FixableDiagnosticIds.Single());
        Assert.Equal(Diagnostics.DiagnosticDescriptors.DeepSupervisionTooShallow.Id, new DeepSupervisionCodeFixProvider().FixableDiagnosticIds.Single());
    }

    internal static async Task<string> ApplyFirstFix(string source, string id, CodeFixProvider provider)
    {
        var (document, actions) = await Fixes(source, id, provider);
        var operation = (await Assert.Single(actions).GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        Document changed = operation.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private static async Task<List<CodeAction>> RegisteredFixes(string source, string id, CodeFixProvider provider) =>
        (await Fixes(source, id, provider)).Actions;

    private static async Task<(Document Document, List<CodeAction> Actions)> Fixes(string source, string id, CodeFixProvider provider)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Demo", "Demo", LanguageNames.CSharp,
            compilationOptions: GeneratorHarness.Compilation().Options,
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.MetadataReferences));
        Document document = workspace.AddDocument(project.Id, "Tiny.cs", SourceText.From(source));

        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        Diagnostic diagnostic = GeneratorHarness.Analyze(compilation).Diagnostics
            .Where(d => d.Id == id)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .First();

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return (document, actions);
    }
}
