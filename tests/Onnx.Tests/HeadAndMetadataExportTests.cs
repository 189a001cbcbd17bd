using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Segment.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Onnx.Tests;

/// <summary>
/// A UNet++ with deep supervision exported pruned to its first heads (<see cref="OnnxExportOptions.Head"/>): the same
/// probabilities as that head of the full network, from fewer parameters and multiply-adds; and the metadata_props
/// every export carries for a predictor with nothing but ONNX Runtime.
/// </summary>
public sealed class HeadAndMetadataExportTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(11, false, false)]
    [InlineData(17, false, true)]
    [InlineData(17, true, true)]
    public void Head_2_export_equals_head_2_of_the_full_network_from_its_nodes_alone(int opset, bool dynamic, bool all)
    {
        using ISegmentationNetwork network = SeededNetworks.Create("unetpp-ds", seed: 9);
        OnnxOutputs outputs = all ? OnnxOutputs.All : OnnxOutputs.Probabilities;
        var options = dynamic
            ? new OnnxExportOptions { Opset = opset, Head = 2, Outputs = outputs, DynamicBatch = true, DynamicSize = true }
            : new OnnxExportOptions { Opset = opset, Head = 2, Outputs = outputs, Height = 64, Width = 48 };
        long[][] inputs = dynamic ? [[1, 3, 64, 48], [2, 3, 32, 80]] : [[1, 3, 64, 48]];
        NetworkExportResult r = NetworkExportCheck.Run(network, options, inputs);
        log.WriteLine($"unetpp-ds --head 2 opset {opset} dynamic={dynamic} all={all}: max |diff| " + string.Join(", ", r.MaxDiffs.Select(d => $"{d.Key} {d.Value:E2}")));

        Assert.Equal(all ? ["probabilities", "out1", "out2"] : ["probabilities"], r.OutputShapes[0].Keys);
        // Only X(i, j) with i + j <= 2 and the heads the outputs read.
        string[] modules = r.Initializers.Where(i => !i.StartsWith("const_", StringComparison.Ordinal)).Select(i => i[..i.IndexOf('.')]).Distinct().Order().ToArray();
        string[] heads = all ? ["final1", "final2"] : ["final2"];
        Assert.Equal(new[] { "conv0_0", "conv0_1", "conv0_2", "conv1_0", "conv1_1", "conv2_0" }.Concat(heads).Order().ToArray(), modules);
    }

    [Fact]
    public void A_pruned_export_records_fewer_parameters_and_multiply_adds_than_the_full_one()
    {
        using ISegmentationNetwork network = SeededNetworks.Create("unetpp-ds", seed: 2);
        var full = Metadata(network.BuildOnnx(new OnnxExportOptions { Height = 64, Width = 48 }));
        var pruned = Metadata(network.BuildOnnx(new OnnxExportOptions { Height = 64, Width = 48, Head = 2 }));

        // The trainable parameters of the modules heads 1..2 need, counted on the module itself.
        var prefixes = new[] { "conv0_0.", "conv0_1.", "conv0_2.", "conv1_0.", "conv1_1.", "conv2_0.", "final1.", "final2." };
        long expected = ((nn.Module)network).named_parameters().Where(p => prefixes.Any(x => p.name.StartsWith(x, StringComparison.Ordinal))).Sum(p => p.parameter.numel());
        Assert.Equal(expected, long.Parse(pruned[OnnxMetadataKeys.Parameters]));
        Assert.Equal(network.TotalParameters, long.Parse(full[OnnxMetadataKeys.Parameters]));
        Assert.True(long.Parse(pruned[OnnxMetadataKeys.MultiplyAdds]) < long.Parse(full[OnnxMetadataKeys.MultiplyAdds]) / 3);
        Assert.Equal("2", pruned[OnnxMetadataKeys.Head]);
        Assert.Equal("4", full[OnnxMetadataKeys.Head]);
        log.WriteLine($"unetpp-ds 64x48: full {full[OnnxMetadataKeys.Parameters]} parameters, {full[OnnxMetadataKeys.MultiplyAdds]} MACs; " +
                      $"--head 2 {pruned[OnnxMetadataKeys.Parameters]} parameters, {pruned[OnnxMetadataKeys.MultiplyAdds]} MACs");
    }

    [Fact]
    public void Multiply_adds_are_the_convolutions_of_the_nodes_kept()
    {
        // unetpp-3class: filters 16, 32, 64; one 4 x 4 cell. Head 1 keeps X(0,0), X(1,0), X(0,1) and final1.
        using ISegmentationNetwork network = SeededNetworks.Create("unetpp-3class", seed: 2);
        var m = Metadata(network.BuildOnnx(new OnnxExportOptions { Height = 4, Width = 4, Head = 1 }));
        long x00 = 16 * (9L * 3 * 16 + 9L * 16 * 16), x10 = 4 * (9L * 16 * 32 + 9L * 32 * 32), x01 = 16 * (9L * 48 * 16 + 9L * 16 * 16), head = 16 * 16L * 3;
        Assert.Equal(x00 + x10 + x01 + head, long.Parse(m[OnnxMetadataKeys.MultiplyAdds]));
    }

    [Fact]
    public void The_model_tells_a_predictor_how_to_feed_it_and_what_output_0_is()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-metadata");
        using ISegmentationNetwork u2netp = SeededNetworks.Create("u2net-small4", seed: 1);
        using ISegmentationNetwork unetpp = SeededNetworks.Create("unetpp-3class", seed: 1);
        string a = Path.Combine(dir, "a.onnx"), b = Path.Combine(dir, "b.onnx");
        u2netp.ExportOnnx(a);
        unetpp.ExportOnnx(b, new OnnxExportOptions { DynamicBatch = true, DynamicSize = true, Outputs = OnnxOutputs.All, InputMean = [0.5f, 0.5f, 0.5f], InputStd = [0.25f, 0.25f, 0.25f] });

        IReadOnlyDictionary<string, string> m = OnnxRuntimeRunner.Metadata(a);
        Assert.Equal("U2Net", m[OnnxMetadataKeys.Family]);
        Assert.Equal("u2net-small4", m[OnnxMetadataKeys.Network]);
        Assert.Equal("1", m[OnnxMetadataKeys.Classes]);
        Assert.Equal("sigmoid", m[OnnxMetadataKeys.Activation]);
        Assert.Equal("1,3,64,64", m[OnnxMetadataKeys.InputShape]);
        Assert.Equal("0.485,0.456,0.406", m[OnnxMetadataKeys.Mean]);
        Assert.Equal("0.229,0.224,0.225", m[OnnxMetadataKeys.Std]);
        Assert.Equal("probabilities", m[OnnxMetadataKeys.Outputs]);
        Assert.False(m.ContainsKey(OnnxMetadataKeys.Head));

        IReadOnlyDictionary<string, string> n = OnnxRuntimeRunner.Metadata(b);
        Assert.Equal("UNetPlusPlus", n[OnnxMetadataKeys.Family]);
        Assert.Equal("softmax", n[OnnxMetadataKeys.Activation]);
        Assert.Equal("batch,3,height,width", n[OnnxMetadataKeys.InputShape]);
        Assert.Equal("4", n[OnnxMetadataKeys.SizeMultiple]);
        Assert.Equal("0.5,0.5,0.5", n[OnnxMetadataKeys.Mean]);
        Assert.Equal("0.25,0.25,0.25", n[OnnxMetadataKeys.Std]);
        Assert.Equal("probabilities,out1,out2", n[OnnxMetadataKeys.Outputs]);
        Assert.Equal("2", n[OnnxMetadataKeys.Head]);
        Assert.False(n.ContainsKey(OnnxMetadataKeys.MultiplyAdds));   // no size, no count
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_head_the_network_does_not_have_and_a_wrong_normalisation_are_refused()
    {
        using ISegmentationNetwork unet = SeededNetworks.Create("unet32", seed: 1);
        using ISegmentationNetwork unetpp = SeededNetworks.Create("unetpp", seed: 1);
        using ISegmentationNetwork ds = SeededNetworks.Create("unetpp-ds", seed: 1);
        Assert.Contains("unet32 has one head", Assert.Throws<ArgumentException>(() => unet.BuildOnnx(new OnnxExportOptions { Head = 1 })).Message);
        Assert.Contains("unetpp has one head", Assert.Throws<ArgumentException>(() => unetpp.BuildOnnx(new OnnxExportOptions { Head = 1 })).Message);
        Assert.Contains("heads 1..4, not 5", Assert.Throws<ArgumentOutOfRangeException>(() => ds.BuildOnnx(new OnnxExportOptions { Head = 5 })).Message);
        Assert.Contains("one value each", Assert.Throws<ArgumentException>(() => unet.BuildOnnx(new OnnxExportOptions { InputMean = [0.5f], InputStd = [0.5f] })).Message);
        Assert.Contains("both InputMean and InputStd", Assert.Throws<ArgumentException>(() => unet.BuildOnnx(new OnnxExportOptions { InputMean = [0.5f, 0.5f, 0.5f] })).Message);
    }

    private static Dictionary<string, string> Metadata(OnnxGraphBuilder g) => g.Metadata.ToDictionary(e => e.Key, e => e.Value);
}
