using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Tests.Harness;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Every diagnostic on a small bad declaration: id, line:column of the argument it points at, and
/// message, against Snapshots/Diagnostics.{case}.verified.txt. Each case edits one line of
/// <see cref="Valid"/>, which itself has no diagnostic.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Valid = """
        using Segment.Dsl;

        namespace Demo;

        [U2Net(Name = "tiny")]
        [Input(3)]
        [Encoder("En1", 4, 3, 8, 16)]
        [Encoder("En2", 4, 16, 8, 16)]
        [Encoder("En3", 4, 16, 8, 16, Dilated = true, Side = true)]
        [Decoder("De2", 4, 32, 8, 16, Dilated = true, Side = true)]
        [Decoder("De1", 4, 32, 8, 16, Side = true)]
        public partial class Tiny
        {
        }
        """;

    public static IEnumerable<object[]> Cases() => new (string Name, string From, string To)[]
    {
        ("SEG1001_NotPartial", "public partial class Tiny", "public class Tiny"),
        ("SEG1002_Generic", "public partial class Tiny", "public partial class Tiny<T>"),
        ("SEG1003_Nested", "[U2Net(Name = \"tiny\")]", "public partial class Outer {\n[U2Net(Name = \"tiny\")]"),
        ("SEG1004_NoEncoder", "[Encoder(\"En1\", 4, 3, 8, 16)]\n[Encoder(\"En2\", 4, 16, 8, 16)]\n[Encoder(\"En3\", 4, 16, 8, 16, Dilated = true, Side = true)]", ""),
        ("SEG1005_TooManyDecoders", "[Decoder(\"De1\", 4, 32, 8, 16, Side = true)]", "[Decoder(\"De1\", 4, 32, 8, 16, Side = true)]\n[Decoder(\"De0\", 4, 32, 8, 16)]"),
        ("SEG1005_TooFewDecoders", "[Decoder(\"De1\", 4, 32, 8, 16, Side = true)]", ""),
        ("SEG1006_NoSide", ", Side = true", ""),
        ("SEG1007_DuplicateName", "[Encoder(\"En2\"", "[Encoder(\"en1\""),
        ("SEG1008_EncoderAfterDecoder", "[Encoder(\"En3\", 4, 16, 8, 16, Dilated = true, Side = true)]\n[Decoder(\"De2\", 4, 32, 8, 16, Dilated = true, Side = true)]", "[Decoder(\"De2\", 4, 32, 8, 16, Dilated = true, Side = true)]\n[Encoder(\"En3\", 4, 16, 8, 16, Dilated = true, Side = true)]"),
        ("SEG1009_InvalidStageName", "\"En2\"", "\"En 2\""),
        ("SEG1012_Static", "public partial class Tiny", "public static partial class Tiny"),
        ("SEG1012_Abstract", "public partial class Tiny", "public abstract partial class Tiny"),
        ("SEG1012_Record", "public partial class Tiny", "public partial record Tiny"),
        ("SEG1010_InvalidNetworkName", "Name = \"tiny\"", "Name = \"tiny net\""),
        ("SEG2001_EncoderInChannels", "[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 12, 8, 16)]"),
        ("SEG2001_DecoderInChannels", "[Decoder(\"De1\", 4, 32, 8, 16, Side = true)]", "[Decoder(\"De1\", 4, 16, 8, 16, Side = true)]"),
        ("SEG2001_InputChannels", "[Input(3)]", "[Input(1)]"),
        ("SEG2002_HeightTooSmall", "[Encoder(\"En2\", 4,", "[Encoder(\"En2\", 1,"),
        ("SEG2003_DilatedHeight", "[Encoder(\"En3\", 4,", "[Encoder(\"En3\", 5,"),
        ("SEG2004_NonPositiveChannels", "[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 16, 0, 16)]"),
        ("SEG2004_NegativeStageOutChannels", "[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 16, 8, -1)]"),
        ("SEG2004_NonPositiveOutChannels", "[U2Net(Name = \"tiny\")]", "[U2Net(Name = \"tiny\", OutChannels = -1)]"),
        ("SEG2006_InvalidSideKernel", "[U2Net(Name = \"tiny\")]", "[U2Net(Name = \"tiny\", SideKernelSize = 2)]"),
        ("SEG2007_InvalidInputSize", "[Input(3)]", "[Input(3, Height = 64)]"),
    }.Select(c => new object[] { c.Name, c.From, c.To });

    [Fact]
    public void Valid_declaration_has_no_diagnostic_and_generates()
    {
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", Valid));

        Assert.Empty(GeneratorHarness.Analyze(compilation).Diagnostics);
        Assert.Contains(GeneratorHarness.Run(compilation).Sources, s => s.HintName == "Demo.Tiny.Module.g.cs");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_declaration_reports_on_the_argument(string name, string from, string to)
    {
        Assert.Contains(from, Valid);
        string source = Valid.Replace(from, to) + (name == "SEG1003_Nested" ? "\n}" : "");
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));

        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == name.Substring(0, 7));
        Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith("Demo.Tiny.Module", System.StringComparison.Ordinal)); // no network for a bad declaration
        if (name.StartsWith("SEG1001", System.StringComparison.Ordinal) || name.StartsWith("SEG1002", System.StringComparison.Ordinal)
            || name.StartsWith("SEG1003", System.StringComparison.Ordinal) || name.StartsWith("SEG1012", System.StringComparison.Ordinal))
        {
            // The class itself cannot be completed: nothing at all.
            Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith("Demo.Tiny", System.StringComparison.Ordinal));
        }
        else
        {
            // A stand-in with the valid surface whose members throw naming the diagnostic, so uses of Tiny compile.
            string standIn = Assert.Single(run.Sources, s => s.HintName.StartsWith("Demo.Tiny", System.StringComparison.Ordinal)).SourceText.ToString();
            Assert.Contains("Tiny is not generated: " + name.Substring(0, 7), standIn);
            Assert.Contains("public override TinyOutput forward(global::TorchSharp.torch.Tensor input) => throw new global::System.InvalidOperationException(SegmentNotGenerated);", standIn);
            Assert.Empty(GeneratorHarness.CompileErrors(run.Output));
        }
        Assert.Empty(run.Diagnostics); // the analyzer reports, the generator stays silent
        string text = string.Join("\n", diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).Select(GeneratorHarness.Describe));
        Snapshot.Verify(source + "\n\n// Diagnostics:\n" + text + "\n", "Diagnostics." + name, "txt");
    }

    [Theory]
    [InlineData("[Input(3, Height = 4, Width = 16)]")]
    [InlineData("[Input(3, Height = 1, Width = 1)]")]
    [InlineData("[Input(3, 20, 20)]")]   // the (channels, height, width) constructor
    public void A_u2net_takes_any_positive_fixed_size_as_the_seeds_code_does(string input)
    {
        // The seeds' U²-Net runs at 1x1 and 20x20 (ceil-mode pooling, resize to the skip); so does the declaration.
        string source = Valid.Replace("[Input(3)]", input);
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));
        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.CompileErrors(run.Output));
        string size = input.Contains("20") ? "20, 20" : input.Contains("Height = 1,") ? "1, 1" : "4, 16";
        Assert.Contains($"/// input [N, 3, {size}]", run.Source("Demo.Tiny.Module.g.cs"));
    }

    [Fact]
    public void A_height_without_a_width_is_reported_as_written()
    {
        string source = Valid.Replace("[Input(3)]", "[Input(3, Height = 20)]");
        var (diagnostics, _) = GeneratorHarness.Analyze(GeneratorHarness.Compilation(("Tiny.cs", source)));
        Diagnostic_is(diagnostics.Single(), "SEG2007", "Tiny.cs", "Input declares Height = 20 and no Width;");
    }

    [Fact]
    public void Negative_out_channels_of_a_skip_do_not_cascade_into_a_wrong_decoder_expectation()
    {
        // En2's -1 is SEG2004; De2 receives En3's 16 + En2's -1, and a SEG2001 "expected 15" there would make its code fix write 15.
        string source = Valid.Replace("[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 16, 8, -1)]");
        var (diagnostics, _) = GeneratorHarness.Analyze(GeneratorHarness.Compilation(("Tiny.cs", source)));

        Assert.Equal(new[] { "SEG2004" }, diagnostics.Select(d => d.Id).ToArray());
    }

    [Fact]
    public void Duplicate_network_name_is_reported_by_the_generator()
    {
        string second = Valid.Replace("class Tiny", "class Tiny2");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(("Tiny.cs", Valid), ("Tiny2.cs", second)));

        Diagnostic_is(run.Diagnostics.Single(), "SEG1011", "Tiny2.cs", "Network name 'tiny' is already used by 'Demo.Tiny'");
        Assert.Contains("\"tiny\" => new global::Demo.Tiny()", run.Source("GeneratedNetworks.g.cs"));
    }

    private static void Diagnostic_is(Microsoft.CodeAnalysis.Diagnostic d, string id, string file, string messageStart)
    {
        Assert.Equal(id, d.Id);
        Assert.Equal(file, d.Location.GetLineSpan().Path);
        Assert.StartsWith(messageStart, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
