using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Issue 12 (cascading errors): a declaration with an error still gets the public surface of its family (constructor,
/// forward, the output type, Summary, the loss class, ExportOnnx, ISegmentationNetwork, its registry entry) with bodies
/// that throw naming the diagnostics, so code using the network compiles and the SEG errors are the only errors.
/// Each case's usage code also compiles without any error against the valid declaration it edits (same surface).
/// </summary>
public sealed class InvalidDeclarationSurfaceTests
{
    private const string U2Net = """
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

    private const string U2NetUse = """
        using TorchSharp;
        using Segment.Runtime.NN;

        namespace Demo;

        public static class Use
        {
            public static long Run(torch.Tensor x, torch.Tensor target, System.IO.Stream stream)
            {
                using var net = new Tiny();
                net.eval();
                using TinyOutput output = net.forward(x);
                torch.Tensor fused = output.Fused, side1 = output.Side1, side2 = output.Side2;
                torch.Tensor? probabilities = output.Probabilities;
                var named = output.ToNamedList();
                var (total, terms) = TinyLoss.Compute(output, target);
                var (again, _) = TinyLoss.Compute(named, target);
                double weight = TinyLoss.FusedWeight + TinyLoss.Side1Weight + TinyLoss.Side2Weight;
                net.ExportOnnx("tiny.onnx");
                net.ExportOnnx(stream, new Segment.Runtime.Onnx.OnnxExportOptions());
                ISegmentationNetwork network = net;
                using var predicted = network.Predict(x);
                network.ExportOnnx("tiny2.onnx");
                string text = Tiny.Summary.Text + Tiny.Summary.Network + network.Name + network.SummaryText;
                long count = Tiny.Summary.Stages.Count + Tiny.Summary.InputChannels + Tiny.Summary.Classes + Tiny.Summary.MinimumInputSize + network.TotalParameters;
                using ISegmentationNetwork created = Segment.Examples.Networks.GeneratedNetworks.Create("tiny");
                net.Dispose();
                return Tiny.Summary.TotalParameters + count + text.Length + (long)weight + Tiny.OnnxOutputShapes(1, 64, 64).Count + terms.Count;
            }
        }
        """;

    private const string UNet = """
        using Segment.Dsl;

        namespace Demo;

        [UNet(Classes = 2, Channels = new[] { 8, 16, 32 }, Depth = 2, AuxLevel = 1, Name = "tiny-unet")]
        [Input(3)]
        public partial class TinyUNet
        {
        }
        """;

    private const string UNetUse = """
        using TorchSharp;
        using Segment.Runtime.NN;

        namespace Demo;

        public static class Use
        {
            public static long Run(torch.Tensor x, torch.Tensor target)
            {
                using var net = new TinyUNet();
                net.eval();
                using var output = net.forward(x);
                torch.Tensor logits = output.Out, aux = output.Aux;
                var (total, terms) = TinyUNetLoss.Compute(output, target);
                var (again, _) = TinyUNetLoss.Compute(output.ToNamedList(), target);
                double weight = TinyUNetLoss.AuxWeight + TinyUNetLoss.IgnoreIndex;
                net.ExportOnnx("unet.onnx");
                using var predicted = ((ISegmentationNetwork)net).Predict(x);
                using ISegmentationNetwork created = Segment.Examples.Networks.GeneratedNetworks.Create("tiny-unet");
                return TinyUNet.Summary.TotalParameters + TinyUNet.Summary.Classes + (long)weight + terms.Count;
            }
        }
        """;

    private const string UNetPlusPlus = """
        using Segment.Dsl;

        namespace Demo;

        [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, DeepSupervision = true, Name = "tiny-unetpp")]
        [Input(3, Height = 32, Width = 64)]
        public partial class TinyNested
        {
        }
        """;

    private const string UNetPlusPlusUse = """
        using TorchSharp;
        using Segment.Runtime.NN;

        namespace Demo;

        public static class Use
        {
            public static long Run(torch.Tensor x, torch.Tensor target)
            {
                using var net = new TinyNested();
                net.eval();
                using var output = net.forward(x);
                torch.Tensor head = output.Out1;
                using var pruned = net.ForwardL1(x);
                using var pruned2 = net.ForwardPruned(x, 1);
                var (total, terms) = TinyNestedLoss.Compute(output, target);
                net.ExportOnnx("unetpp.onnx");
                using var predicted = ((ISegmentationNetwork)net).Predict(x);
                return TinyNested.Summary.TotalParameters + TinyNested.Summary.MinimumInputSize + terms.Count;
            }
        }
        """;

    public static IEnumerable<object[]> Cases() => new (string Name, string Declaration, string Use, string From, string To)[]
    {
        ("SEG2001", U2Net, U2NetUse, "[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 12, 8, 16)]"),
        ("SEG2002", U2Net, U2NetUse, "[Encoder(\"En2\", 4,", "[Encoder(\"En2\", 1,"),
        ("SEG1004", U2Net, U2NetUse, "[Encoder(\"En1\", 4, 3, 8, 16)]\n[Encoder(\"En2\", 4, 16, 8, 16)]\n[Encoder(\"En3\", 4, 16, 8, 16, Dilated = true, Side = true)]", ""),
        ("SEG1009", U2Net, U2NetUse, "\"En2\"", "\"En 2\""),
        ("SEG1010", U2Net, U2NetUse, "Name = \"tiny\"", "Name = \"tiny net\""),
        ("SEG2008", UNet, UNetUse, "Depth = 2,", "Depth = 3,"),
        ("SEG2014", UNet, UNetUse, "AuxLevel = 1", "AuxLevel = 2"),
        ("SEG2015", UNet, UNetUse, "AuxLevel = 1,", "AuxLevel = 1, ClassWeights = new[] { 1.0 },"),
        ("SEG2010", UNetPlusPlus, UNetPlusPlusUse, "Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 16 }"),
        ("SEG2004", UNetPlusPlus, UNetPlusPlusUse, "Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 0, 32 }"),
        ("SEG2011", UNetPlusPlus, UNetPlusPlusUse, "Height = 32, Width = 64", "Height = 30, Width = 64"),
    }.Select(c => new object[] { c.Name, c.Declaration, c.Use, c.From, c.To });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Uses_of_a_bad_declaration_compile_and_only_the_SEG_errors_remain(string id, string declaration, string use, string from, string to)
    {
        // The usage compiles against the valid declaration: the stand-in mirrors a real surface.
        var valid = GeneratorHarness.Compilation(("Net.cs", declaration), ("Use.cs", use));
        Assert.Empty(GeneratorHarness.Analyze(valid).Diagnostics);
        Assert.Empty(GeneratorHarness.CompileErrors(GeneratorHarness.Run(valid).Output).Select(GeneratorHarness.Describe));

        Assert.Contains(from, declaration);
        var compilation = GeneratorHarness.Compilation(("Net.cs", declaration.Replace(from, to)), ("Use.cs", use));
        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(exceptions);
        Assert.Null(run.Result.Results.Single().Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Contains(diagnostics, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
        // The errors a user sees: the analyzer's SEG ones, no CS error from the generated code or from the uses.
        Assert.Empty(GeneratorHarness.CompileErrors(run.Output).Select(GeneratorHarness.Describe));
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".Module.g.cs", StringComparison.Ordinal));
        string standIn = Assert.Single(run.Sources, s => s.HintName.EndsWith(".NotGenerated.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains(" is not generated: " + id, standIn);
        Assert.Contains("forward(global::TorchSharp.torch.Tensor input) => throw new global::System.InvalidOperationException(SegmentNotGenerated);", standIn);
        Assert.Contains(run.Sources, s => s.HintName.EndsWith("GeneratedNetworks.g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SEG2001", "U2Net")]
    [InlineData("SEG2014", "UNet")]
    [InlineData("SEG2010", "UNetPlusPlus")]
    public void The_stand_in_matches_its_snapshot(string id, string family)
    {
        object[] c = Cases().Single(c => (string)c[0] == id);
        string source = ((string)c[1]).Replace((string)c[3], (string)c[4]);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(("Net.cs", source)));

        Segment.TestSupport.Snapshot.Verify(run.Source(".NotGenerated.g.cs"), $"NotGenerated.{family}.{id}");
    }

    [Fact]
    public void The_stand_in_throws_naming_the_diagnostic()
    {
        string source = U2Net.Replace("[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 12, 8, 16)]");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(("Net.cs", source)));
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Select(GeneratorHarness.Describe)));

        Assembly assembly = Assembly.Load(image.ToArray());
        Type summary = assembly.GetType("Demo.Tiny+Summary", throwOnError: true)!;
        Assert.Equal("tiny", summary.GetField("Network")!.GetRawConstantValue());
        Assert.Equal(3, summary.GetField("InputChannels")!.GetRawConstantValue());
        var thrown = Assert.Throws<TargetInvocationException>(() => summary.GetProperty("TotalParameters")!.GetValue(null));
        var error = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.StartsWith("Tiny is not generated: SEG2001 ", error.Message);
        Assert.Contains("Fix the declaration", error.Message);
    }

    [Fact]
    public void A_bad_declaration_beside_a_valid_one_with_its_name_is_left_out_of_the_registry_silently()
    {
        string bad = U2Net.Replace("[Encoder(\"En2\", 4, 16, 8, 16)]", "[Encoder(\"En2\", 4, 12, 8, 16)]").Replace("class Tiny", "class Broken");
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", U2Net), ("Broken.cs", bad));
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Diagnostics); // no SEG1011 for the stand-in
        Assert.Empty(GeneratorHarness.CompileErrors(run.Output).Select(GeneratorHarness.Describe));
        string registry = run.Source("GeneratedNetworks.g.cs");
        Assert.Contains("\"tiny\" => new global::Demo.Tiny(),", registry);
        Assert.DoesNotContain("Broken", registry);
    }

    [Fact]
    public void A_class_that_cannot_be_completed_gets_nothing()
    {
        var compilation = GeneratorHarness.Compilation(("Net.cs", U2Net.Replace("public partial class Tiny", "public partial class Tiny<T>")));
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Sources);
    }
}
