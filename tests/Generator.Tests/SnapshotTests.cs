using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Tests.Harness;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The generated source of each example network, file by file, against Snapshots/{Network}.{Part}.verified.cs.</summary>
public sealed class SnapshotTests
{
    public static readonly string[] Parts = { "Module", "Output", "Loss", "Summary", "Network", "OnnxExport" };

    public static IEnumerable<object[]> Cases() =>
        from network in ExampleNetworks.Names
        from part in Parts
        select new object[] { network, part };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_file_matches_snapshot(string network, string part)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.Read(network)));

        Assert.Empty(run.Diagnostics);
        Snapshot.Verify(run.Source($".{network}.{part}.g.cs"), $"{network}.{part}");
    }

    [Fact]
    public void Registry_lists_every_example_by_name()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.ReadAll()));

        string registry = run.Source("Segment.Examples.Networks.GeneratedNetworks.g.cs");
        Assert.Contains("\"u2net\" => new global::Segment.Examples.Networks.U2Net(),", registry);
        Assert.Contains("\"u2netp\" => new global::Segment.Examples.Networks.U2NetLite(),", registry);
        Snapshot.Verify(registry, "GeneratedNetworks");
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.ReadAll()));

        // Every network's files + the registry.
        // Every family emits every part (ONNX export included), plus the one registry.
        Assert.Equal(ExampleNetworks.Names.Length * Parts.Length + 1, run.Sources.Count);
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Take(20).Select(GeneratorHarness.Describe)));
    }

    [Fact]
    public void UNetPlusPlus_loss_is_bce_by_default_and_bce_dice_with_the_dice_option()
    {
        const string Declaration = """
            using Segment.Dsl;

            namespace Demo;

            [UNetPlusPlus(Filters = new[] { 8, 16, 32 }, DeepSupervision = true, Dice = DICE, Name = "tiny")]
            public partial class Tiny
            {
            }
            """;
        string LossOf(string dice)
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(("Tiny.cs", Declaration.Replace("DICE", dice))));
            Assert.Empty(run.Diagnostics);
            return run.Source(".Tiny.Loss.g.cs");
        }

        string plain = LossOf("false");
        Assert.Contains("var out1 = global::TorchSharp.torch.nn.functional.binary_cross_entropy_with_logits(Find(outputs, \"out1\"), target);", plain);
        Assert.Contains("var out2 = global::TorchSharp.torch.nn.functional.binary_cross_entropy_with_logits(Find(outputs, \"out2\"), target);", plain);
        Assert.DoesNotContain("BceDiceLoss", plain);

        string dice = LossOf("true");
        Assert.Contains("var out1 = global::Segment.Runtime.Losses.BceDiceLoss.forward(Find(outputs, \"out1\"), target);", dice);
        Assert.Contains("var out2 = global::Segment.Runtime.Losses.BceDiceLoss.forward(Find(outputs, \"out2\"), target);", dice);
        Assert.Contains("var total = global::Segment.Runtime.Losses.SegmentationLosses.mean(new[] { out1, out2 });", dice);
        Assert.DoesNotContain("binary_cross_entropy_with_logits", dice);
    }

    [Fact]
    public void Examples_have_no_diagnostics()
    {
        var (diagnostics, exceptions) = GeneratorHarness.Analyze(GeneratorHarness.Compilation(ExampleNetworks.ReadAll()));

        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
    }
}
