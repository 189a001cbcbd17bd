using System.Linq;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Stage names are the user's: the generated fields, nested classes and forward locals derived from them must
/// compile for any name SEG1009 lets through (lower case, names of the forward's own members), and a keyword,
/// which would not, is SEG1009.
/// </summary>
public sealed class StageNameTests
{
    private static string Declaration(string en1, string en2, string de1) => $$"""
        using Segment.Dsl;

        namespace Demo;

        [U2Net(Name = "named")]
        [Encoder("{{en1}}", 4, 3, 8, 16)]
        [Encoder("{{en2}}", 4, 16, 8, 16, Dilated = true, Side = true)]
        [Decoder("{{de1}}", 4, 32, 8, 16, Side = true)]
        public partial class Named
        {
        }
        """;

    [Theory]
    [InlineData("en1", "en2", "de1")]           // a local named as the stage would hide its own field
    [InlineData("x", "y", "z")]
    [InlineData("Training", "Out_conv", "Input")] // locals that would hide the training flag and the fuse convolution
    public void Generated_code_compiles_for_stage_names(string en1, string en2, string de1)
    {
        var compilation = GeneratorHarness.Compilation(("Named.cs", Declaration(en1, en2, de1)));

        Assert.Empty(GeneratorHarness.Analyze(compilation).Diagnostics);
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Assert.Contains(run.Sources, s => s.HintName == "Demo.Named.Module.g.cs");
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
    }

    [Theory]
    [InlineData("class")]
    [InlineData("in")]
    public void A_keyword_stage_name_is_SEG1009(string keyword)
    {
        var compilation = GeneratorHarness.Compilation(("Named.cs", Declaration("En1", keyword, "De1")));

        var (diagnostics, _) = GeneratorHarness.Analyze(compilation);
        Microsoft.CodeAnalysis.Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal("SEG1009", d.Id);
        Assert.Equal($"\"{keyword}\"", d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        GeneratorHarness.Run(compilation).AssertOnlyStandIn("Demo.Named"); // the stand-in only: its members throw naming the diagnostic
    }
}
