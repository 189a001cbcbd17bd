using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Onnx.Tests;

/// <summary>
/// The generated <c>ExportOnnx</c> of every example network: python-onnx's full check, shape
/// inference against the generator's shapes, and ONNX Runtime against the libtorch forward (eval,
/// same seeded weights with non-default BatchNorm statistics) within 1e-4 on every output.
/// The heavy matrix runs on the lite and small variants; the full U2Net once, as the seeds export it.
/// </summary>
public sealed class NetworkExportTests(ITestOutputHelper log)
{
    public static IEnumerable<object[]> StaticCases() =>
    [
        // model, opset, batch, height, width, fold BN, all outputs (else the default: probabilities only)
        ["u2netp", 11, 1, 320, 320, true, false],
        ["u2netp", 17, 2, 192, 160, true, true],
        ["u2netp", 13, 1, 97, 131, false, true],
        ["u2netp", 17, 1, 97, 131, true, false],
        ["u2netp-4class", 11, 1, 128, 96, true, true],
        ["u2netp-4class", 17, 1, 128, 96, false, false],
        ["u2net-small4", 11, 1, 64, 64, true, false],
        ["u2net-small4", 17, 2, 64, 64, false, true],
    ];

    [Theory]
    [MemberData(nameof(StaticCases))]
    public void Static_export_is_valid_infers_the_generated_shapes_and_matches_libtorch(string model, int opset, int batch, int h, int w, bool fold, bool all)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 7);
        var options = new OnnxExportOptions { Opset = opset, BatchSize = batch, Height = h, Width = w, FoldBatchNorm = fold, Outputs = all ? OnnxOutputs.All : OnnxOutputs.Probabilities };
        NetworkExportResult r = NetworkExportCheck.Run(network, options, new long[] { batch, 3, h, w });
        Report(model, $"opset {opset} static {batch}x3x{h}x{w} fold={fold} all={all}", r);

        Assert.Equal(opset, r.Check.GetProperty("opsets").GetProperty("").GetInt32());
        foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, batch, h, w, options))
        {
            Assert.Equal(shape.Cast<object?>().ToArray(), r.InferredShape(name));
            Assert.Equal(shape, r.OutputShapes[0][name]);
        }
        AssertBatchNorm(network, r, fold);
    }

    public static IEnumerable<object[]> DynamicCases() =>
    [
        // model, opset, fold BN, all outputs
        ["u2netp", 11, true, false],
        ["u2netp", 17, false, true],
        ["u2netp-4class", 11, true, true],
        ["u2netp-4class", 17, true, false],
    ];

    [Theory]
    [MemberData(nameof(DynamicCases))]
    public void Dynamic_export_runs_at_two_sizes_one_odd(string model, int opset, bool fold, bool all)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 3);
        var options = new OnnxExportOptions { Opset = opset, DynamicBatch = true, DynamicSize = true, FoldBatchNorm = fold, Outputs = all ? OnnxOutputs.All : OnnxOutputs.Probabilities };
        long[][] inputs = { new long[] { 1, 3, 96, 128 }, new long[] { 2, 3, 75, 61 } };
        NetworkExportResult r = NetworkExportCheck.Run(network, options, inputs);
        Report(model, $"opset {opset} dynamic 1x3x96x128 + 2x3x75x61 fold={fold} all={all}", r);

        Assert.Equal(new object?[] { "batch", 3L, "height", "width" }, InputShape(r));
        for (int s = 0; s < inputs.Length; s++)
            foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, inputs[s][0], inputs[s][2], inputs[s][3], options))
                Assert.Equal(shape, r.OutputShapes[s][name]);
        AssertBatchNorm(network, r, fold);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void A_fixed_size_network_exports_a_dynamic_batch(int opset)
    {
        using ISegmentationNetwork network = SeededNetworks.Create("u2net-small4", seed: 5);
        NetworkExportResult r = NetworkExportCheck.Run(network, new OnnxExportOptions { Opset = opset, DynamicBatch = true },
            new long[] { 1, 3, 64, 64 }, new long[] { 3, 3, 64, 64 });
        Report("u2net-small4", $"opset {opset} dynamic batch", r);

        Assert.Equal(new object?[] { "batch", 3L, 64L, 64L }, InputShape(r));
        Assert.Equal(new long[] { 3, 1, 64, 64 }, r.OutputShapes[1]["probabilities"]);
    }

    [Fact]
    public void Full_u2net_exports_as_the_seeds_did_opset_11_at_320()
    {
        using ISegmentationNetwork network = SeededNetworks.Create("u2net", seed: 1);
        NetworkExportResult r = NetworkExportCheck.Run(network, new OnnxExportOptions(), new long[] { 1, 3, 320, 320 });
        Report("u2net", "opset 11 static 1x3x320x320 (defaults)", r);

        Assert.Equal(6, r.Check.GetProperty("ir_version").GetInt32());
        Assert.Equal(new object?[] { 1L, 3L, 320L, 320L }, InputShape(r));
        foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, 1, 320, 320))
            Assert.Equal(shape.Cast<object?>().ToArray(), r.InferredShape(name));
        // The seeds' eval contract: one output, the probability map that background-removal tools read as outputs[0].
        Assert.Equal(new[] { "probabilities" }, r.OutputShapes[0].Keys);
        AssertBatchNorm(network, r, fold: true);
    }

    [Fact]
    public void Full_u2net_dynamic_export_at_opset_17_gives_predicts_probabilities_at_two_odd_sizes()
    {
        using ISegmentationNetwork network = SeededNetworks.Create("u2net", seed: 2);
        var options = new OnnxExportOptions { Opset = 17, DynamicBatch = true, DynamicSize = true };
        NetworkExportResult r = NetworkExportCheck.Run(network, options, new long[] { 1, 3, 45, 37 }, new long[] { 2, 3, 33, 64 });
        Report("u2net", "opset 17 dynamic 1x3x45x37 + 2x3x33x64", r);

        Assert.Equal(new object?[] { "batch", 3L, "height", "width" }, InputShape(r));
        Assert.Equal(new long[] { 2, 1, 33, 64 }, r.OutputShapes[1]["probabilities"]);
    }

    private void Report(string model, string what, NetworkExportResult r) =>
        log.WriteLine($"{model} {what}: max |diff| " + string.Join(", ", r.MaxDiffs.Select(d => $"{d.Key} {d.Value:E2}")));

    private static object?[] InputShape(NetworkExportResult r) =>
        r.Check.GetProperty("input_shapes").GetProperty("input").EnumerateArray()
            .Select(d => d.ValueKind == System.Text.Json.JsonValueKind.Number ? (object?)d.GetInt64() : d.GetString()).ToArray();

    /// <summary>
    /// Folded: no BatchNormalization node, and every conv that had a BN carries the folded bias.
    /// Unfolded: one BatchNormalization per BatchNorm2d with its state_dict-named statistics.
    /// </summary>
    private static void AssertBatchNorm(ISegmentationNetwork network, NetworkExportResult r, bool fold)
    {
        string[] bns = ((nn.Module)network).named_modules().Where(m => m.module is TorchSharp.Modules.BatchNorm2d).Select(m => m.name).ToArray();
        Assert.NotEmpty(bns);
        int count = r.Ops.Count(o => o == "BatchNormalization");
        Assert.Equal(fold ? 0 : bns.Length, count);
        Assert.Equal(!fold, bns.All(bn => r.Initializers.Contains(bn + ".running_var")));
        Assert.Equal(fold, bns.All(bn => r.Initializers.Contains(bn[..^".bn".Length] + ".conv.bias")));
        // Every weight is named after the state_dict key it came from; the rest are the builder's constants.
        var keys = ((nn.Module)network).state_dict().Keys.ToHashSet();
        Assert.All(r.Initializers.Where(i => !i.StartsWith("const_", StringComparison.Ordinal)),
            i => Assert.True(keys.Contains(i) || (fold && i.EndsWith(".conv.bias", StringComparison.Ordinal)), $"initializer '{i}' is not a state_dict key"));
    }
}
