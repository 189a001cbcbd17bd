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

    [Fact]
    public void Fixers_target_the_analyzer_ids()
    {
        var ids = new SegmentDiagnosticAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();

        Assert.Contains(new InChannelsCodeFixProvider().FixableDiagnosticIds.Single(), ids);
        Assert.Contains(new DilatedHeightCodeFixProvider().FixableDiagnosticIds.Single(), ids);
    }

    internal static async Task<string> ApplyFirstFix(string source, string id, CodeFixProvider provider)
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
        var operation = (await Assert.Single(actions).GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        Document changed = operation.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }
}
