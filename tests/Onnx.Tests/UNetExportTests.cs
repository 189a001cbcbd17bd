using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Onnx.Tests;

/// <summary>
/// The generated <c>ExportOnnx</c> of the UNet and UNet++ examples: python-onnx's full check, shape
/// inference against the generator's shapes (static exports), and ONNX Runtime against the libtorch
/// eval forward within 1e-4 on every output, at opsets 11 and 17. UNets run at odd sizes, where every
/// Up pads its upsampled map to the skip; UNet++ at multiples of 16, the only sizes it takes.
/// </summary>
public sealed class UNetExportTests(ITestOutputHelper log)
{
    public static IEnumerable<object[]> StaticCases() =>
    [
        // model, opset, batch, height, width, fold BN, all outputs (else the default: probabilities only)
        ["unet", 11, 1, 67, 45, true, false],
        ["unet", 17, 1, 67, 45, false, true],
        ["unet-transposed", 11, 1, 67, 45, true, true],
        ["unet-transposed", 17, 2, 67, 45, true, false],
        ["unet32", 11, 1, 64, 48, true, false],
        ["unet32", 17, 1, 51, 37, true, true],
        ["unet-aux", 11, 1, 37, 29, true, false],
        ["unet-aux", 17, 1, 37, 29, false, true],
        ["unetpp", 11, 1, 64, 48, true, false],
        ["unetpp", 17, 1, 64, 48, false, true],
        ["unetpp-ds", 11, 1, 64, 48, true, true],
        ["unetpp-ds", 17, 2, 32, 48, true, false],
        ["unetpp-3class", 11, 1, 36, 20, true, false],
        ["unetpp-3class", 17, 1, 36, 20, false, true],
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
        // Static: every pad and resize size is a constant, nothing is read from a Shape at run time.
        Assert.DoesNotContain("Shape", r.Ops);
        Assert.Equal(PadsAt(model, h, w), r.Ops.Count(o => o == "Pad"));
        AssertWeights(network, r, fold, options);
    }

    public static IEnumerable<object[]> DynamicCases() =>
    [
        // model, opset, fold BN, all outputs, two input shapes (the UNets' odd)
        ["unet", 11, true, false, new long[] { 1, 3, 67, 45 }, new long[] { 2, 3, 53, 71 }],
        ["unet", 17, false, true, new long[] { 1, 3, 67, 45 }, new long[] { 2, 3, 53, 71 }],
        ["unet-transposed", 11, true, true, new long[] { 1, 3, 67, 45 }, new long[] { 2, 3, 53, 71 }],
        ["unet-transposed", 17, true, false, new long[] { 1, 3, 67, 45 }, new long[] { 2, 3, 53, 71 }],
        ["unet32", 17, true, false, new long[] { 1, 3, 51, 37 }, new long[] { 2, 3, 16, 23 }],
        ["unet-aux", 11, true, false, new long[] { 1, 3, 37, 29 }, new long[] { 2, 3, 24, 41 }],
        ["unet-aux", 17, true, true, new long[] { 1, 3, 37, 29 }, new long[] { 2, 3, 24, 41 }],
        ["unetpp", 11, true, false, new long[] { 1, 3, 64, 48 }, new long[] { 2, 3, 32, 80 }],
        ["unetpp", 17, false, true, new long[] { 1, 3, 32, 48 }, new long[] { 2, 3, 16, 16 }],
        ["unetpp-ds", 11, true, false, new long[] { 1, 3, 64, 48 }, new long[] { 2, 3, 32, 80 }],
        ["unetpp-ds", 17, true, true, new long[] { 1, 3, 64, 48 }, new long[] { 2, 3, 32, 80 }],
        ["unetpp-3class", 11, false, true, new long[] { 1, 3, 36, 20 }, new long[] { 2, 3, 8, 12 }],
        ["unetpp-3class", 17, true, false, new long[] { 1, 3, 36, 20 }, new long[] { 2, 3, 8, 12 }],
    ];

    [Theory]
    [MemberData(nameof(DynamicCases))]
    public void Dynamic_export_runs_at_two_sizes(string model, int opset, bool fold, bool all, long[] first, long[] second)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 3);
        var options = new OnnxExportOptions { Opset = opset, DynamicBatch = true, DynamicSize = true, FoldBatchNorm = fold, Outputs = all ? OnnxOutputs.All : OnnxOutputs.Probabilities };
        long[][] inputs = { first, second };
        NetworkExportResult r = NetworkExportCheck.Run(network, options, inputs);
        Report(model, $"opset {opset} dynamic {string.Join("x", first)} + {string.Join("x", second)} fold={fold} all={all}", r);

        Assert.Equal(new object?[] { "batch", 3L, "height", "width" }, InputShape(r));
        for (int s = 0; s < inputs.Length; s++)
            foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, inputs[s][0], inputs[s][2], inputs[s][3], options))
                Assert.Equal(shape, r.OutputShapes[s][name]);
        AssertWeights(network, r, fold, options);
    }

    [Theory]
    [InlineData("unet32", 11)]
    [InlineData("unetpp-ds", 17)]
    public void A_dynamic_batch_with_a_static_size_keeps_the_size_static(string model, int opset)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 5);
        (long h, long w) = model == "unet32" ? (51L, 37L) : (48L, 32L);
        NetworkExportResult r = NetworkExportCheck.Run(network, new OnnxExportOptions { Opset = opset, DynamicBatch = true, Height = (int)h, Width = (int)w },
            new long[] { 1, 3, h, w }, new long[] { 3, 3, h, w });
        Report(model, $"opset {opset} dynamic batch, static {h}x{w}", r);

        Assert.Equal(new object?[] { "batch", 3L, h, w }, InputShape(r));
        Assert.DoesNotContain("Shape", r.Ops);
        foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, 3, h, w))
        {
            Assert.Equal(new object?[] { "batch", shape[1], h, w }, r.InferredShape(name));
            Assert.Equal(shape, r.OutputShapes[1][name]);
        }
    }

    [Fact]
    public void Probabilities_come_first_and_all_outputs_add_the_typed_result_in_its_order()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["unet32"] = ["probabilities", "out"],
            ["unet-aux"] = ["probabilities", "out", "aux"],
            ["unetpp"] = ["probabilities", "out"],
            ["unetpp-ds"] = ["probabilities", "out1", "out2", "out3", "out4"],
        };
        var all = new OnnxExportOptions { Outputs = OnnxOutputs.All };
        foreach ((string model, string[] names) in expected)
        {
            using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 1);
            Assert.Equal(["probabilities"], NetworkExportCheck.GeneratedShapes(network, 1, 64, 64).Select(o => o.Name).ToArray());
            Assert.Equal(names, NetworkExportCheck.GeneratedShapes(network, 1, 64, 64, all).Select(o => o.Name).ToArray());
            Assert.Equal(names, network.BuildOnnx(all with { Height = 64, Width = 64 }).OutputNames);
        }
    }

    [Fact]
    public void Sizes_the_network_cannot_take_are_refused_with_the_reason()
    {
        using ISegmentationNetwork unet = SeededNetworks.Create("unet-aux", seed: 1);
        using ISegmentationNetwork unetpp = SeededNetworks.Create("unetpp", seed: 1);
        string dir = RepoPaths.NewTempDirectory("onnx-unet-sizes");
        string path = Path.Combine(dir, "m.onnx");

        Assert.Contains("at least 8 x 8", Assert.Throws<ArgumentException>(() => unet.ExportOnnx(path, new OnnxExportOptions { Height = 7, Width = 64 })).Message);
        Assert.Contains("multiples of 16, not 67 x 48", Assert.Throws<ArgumentException>(() => unetpp.ExportOnnx(path, new OnnxExportOptions { Height = 67, Width = 48 })).Message);
        Assert.Contains("at least 16 x 16", Assert.Throws<ArgumentException>(() => unetpp.ExportOnnx(path, new OnnxExportOptions { Height = 0, Width = 48 })).Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
        Directory.Delete(dir);
    }

    [Fact]
    public void Same_weights_give_byte_identical_models_by_path_and_by_stream()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-unet-determinism");
        using ISegmentationNetwork first = SeededNetworks.Create("unet-aux", seed: 11);
        using ISegmentationNetwork second = SeededNetworks.Create("unet-aux", seed: 11);
        var options = new OnnxExportOptions { Opset = 17, Height = 37, Width = 29 };

        first.ExportOnnx(Path.Combine(dir, "a.onnx"), options);
        second.ExportOnnx(Path.Combine(dir, "b.onnx"), options);
        using var stream = new MemoryStream();
        ((Segment.Examples.Networks.UNetAux)first).ExportOnnx(stream, options);

        byte[] a = File.ReadAllBytes(Path.Combine(dir, "a.onnx"));
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir, "b.onnx")));
        Assert.Equal(a, stream.ToArray());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Cli_export_writes_the_api_bytes_and_refuses_a_size_unetpp_cannot_take_in_one_line()
    {
        string dir = RepoPaths.NewTempDirectory("cli-export-unet");
        using ISegmentationNetwork network = SeededNetworks.Create("unet32", seed: 21);
        string weights = Path.Combine(dir, "w.pth");
        TorchCheckpoint.Save(weights, ((nn.Module)network).state_dict());
        string viaApi = Path.Combine(dir, "api.onnx");
        network.ExportOnnx(viaApi, new OnnxExportOptions { Opset = 17, Height = 67, Width = 45 });

        string viaCli = Path.Combine(dir, "cli.onnx");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "unet32", "--weights", weights, "--output", viaCli, "--opset", "17", "--size", "67x45");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("unet32, ONNX opset 17, input [1, 3, 67, 45]", r.Stdout);
        Assert.Equal(File.ReadAllBytes(viaApi), File.ReadAllBytes(viaCli));

        string refusedPath = Path.Combine(dir, "pp.onnx");
        SegmentCli.Result refused = SegmentCli.Run("export", "--model", "unetpp", "--output", refusedPath, "--size", "67x48");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("unetpp needs H and W multiples of 16, not 67 x 48", refused.Stderr);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(refusedPath));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// How many Ups pad in a static export: one per level whose skip is odd-sized (skip floor(H/2^k) against the
    /// upsampled 2*floor(H/2^(k+1))) in H or W; UNet++ never pads.
    /// </summary>
    private static int PadsAt(string model, long h, long w)
    {
        if (model.StartsWith("unetpp", StringComparison.Ordinal))
            return 0;
        int depth = model == "unet-aux" ? 3 : 4;
        return Enumerable.Range(0, depth).Count(k => ((h >> k) & 1) == 1 || ((w >> k) & 1) == 1);
    }

    private void Report(string model, string what, NetworkExportResult r) =>
        log.WriteLine($"{model} {what}: max |diff| " + string.Join(", ", r.MaxDiffs.Select(d => $"{d.Key} {d.Value:E2}")));

    private static object?[] InputShape(NetworkExportResult r) =>
        r.Check.GetProperty("input_shapes").GetProperty("input").EnumerateArray()
            .Select(d => d.ValueKind == System.Text.Json.JsonValueKind.Number ? (object?)d.GetInt64() : d.GetString()).ToArray();

    /// <summary>
    /// Folded: no BatchNormalization node, and the conv before every BN carries a bias (DoubleConv "X.1" -> "X.0",
    /// "X.4" -> "X.3"; VGGBlock "X.bn1" -> "X.conv1"). Unfolded: one BatchNormalization per BatchNorm2d with its
    /// state_dict-named statistics. Every other initializer is a state_dict key or one of the builder's constants.
    /// With all outputs every weight of the module is in the graph; with the default, the heads only other outputs
    /// read (unet-aux's aux_conv, a deep-supervision UNet++'s shallower heads) are not.
    /// </summary>
    private static void AssertWeights(ISegmentationNetwork network, NetworkExportResult r, bool fold, OnnxExportOptions options)
    {
        string[] bns = ((nn.Module)network).named_modules().Where(m => m.module is TorchSharp.Modules.BatchNorm2d).Select(m => m.name).ToArray();
        Assert.NotEmpty(bns);
        Assert.Equal(fold ? 0 : bns.Length, r.Ops.Count(o => o == "BatchNormalization"));
        Assert.Equal(!fold, bns.All(bn => r.Initializers.Contains(bn + ".running_var")));
        if (fold)
            Assert.All(bns, bn => Assert.Contains(ConvBefore(bn) + ".bias", r.Initializers));
        var keys = ((nn.Module)network).state_dict().Keys.ToHashSet();
        var foldedBiases = fold ? bns.Select(bn => ConvBefore(bn) + ".bias").ToHashSet() : new HashSet<string>();
        Assert.All(r.Initializers.Where(i => !i.StartsWith("const_", StringComparison.Ordinal)),
            i => Assert.True(keys.Contains(i) || foldedBiases.Contains(i), $"initializer '{i}' is not a state_dict key"));
        // Every weight the exported outputs need is in the graph (folded BN statistics aside), and no other.
        string[] unused = options.Outputs == OnnxOutputs.All ? [] : network.Name switch
        {
            "unet-aux" => ["aux_conv.0.weight"],
            "unetpp-ds" => ["final1.weight", "final2.weight", "final3.weight"],
            "unetpp-3class" => ["final1.weight"],
            _ => [],
        };
        Assert.All(keys.Where(k => k.EndsWith(".weight", StringComparison.Ordinal) && !bns.Contains(k[..^".weight".Length])),
            k => Assert.Equal(!unused.Contains(k), r.Initializers.Contains(k)));
    }

    private static string ConvBefore(string bn)
    {
        int dot = bn.LastIndexOf('.');
        string parent = bn[..dot], child = bn[(dot + 1)..];
        return child.StartsWith("bn", StringComparison.Ordinal)
            ? $"{parent}.conv{child[2..]}"
            : $"{parent}.{int.Parse(child, System.Globalization.CultureInfo.InvariantCulture) - 1}";
    }
}
