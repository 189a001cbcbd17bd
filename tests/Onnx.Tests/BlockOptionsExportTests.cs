using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Onnx.Tests;

/// <summary>
/// The [Blocks] example networks export as their seeds do: ONNX Runtime gives libtorch's eval outputs (NetworkExportCheck,
/// 1e-4), shape inference finds the generator's shapes, a static export reads no Shape (GroupNorm's statistics are
/// broadcast back without one), and every initializer is a state_dict key: the InstanceNorm / GroupNorm affine
/// parameters and PReLU slopes under their own names, BatchNorms folded or not, Dropout2d gone.
/// </summary>
public sealed class BlockOptionsExportTests(ITestOutputHelper log)
{
    public static IEnumerable<object[]> Cases() =>
    [
        // model, opset, batch, height, width, fold BN
        ["unet-res", 11, 1, 37, 29, true],
        ["unet-res", 17, 2, 40, 24, false],
        ["unet-in", 11, 1, 41, 35, true],
        ["unet-in", 17, 1, 24, 24, true],
        ["u2netp-gn", 11, 1, 45, 37, true],
        ["u2netp-gn", 17, 1, 64, 64, true],
        ["unet-attn", 11, 1, 37, 45, true],
        ["unet-attn", 17, 2, 29, 42, false],
        ["unetpp-res", 11, 1, 40, 24, true],
        ["unetpp-res", 17, 2, 16, 32, true],
        ["unetpp-gn", 11, 1, 24, 40, true],
        ["unetpp-gn", 17, 1, 32, 32, false],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Static_export_matches_libtorch_with_the_generated_shapes(string model, int opset, int batch, int h, int w, bool fold)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 7);
        var options = new OnnxExportOptions { Opset = opset, BatchSize = batch, Height = h, Width = w, FoldBatchNorm = fold, Outputs = OnnxOutputs.All };
        NetworkExportResult r = NetworkExportCheck.Run(network, options, new long[] { batch, 3, h, w });
        log.WriteLine($"{model} opset {opset} {batch}x3x{h}x{w}: max |diff| " + string.Join(", ", r.MaxDiffs.Select(d => $"{d.Key} {d.Value:E2}")));

        foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, batch, h, w, options))
            Assert.Equal(shape.Cast<object?>().ToArray(), r.InferredShape(name));
        Assert.DoesNotContain("Shape", r.Ops);
        Assert.DoesNotContain("Dropout", r.Ops);
        AssertInitializersAreStateDictKeys(network, r, fold);
    }

    [Theory]
    [InlineData("unet-res", 11)]
    [InlineData("unetpp-gn", 17)]
    [InlineData("unet-attn", 11)]
    public void Dynamic_export_runs_at_two_sizes(string model, int opset)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(model, seed: 3);
        var options = new OnnxExportOptions { Opset = opset, DynamicBatch = true, DynamicSize = true, Outputs = OnnxOutputs.All };
        long[][] inputs = model.StartsWith("unetpp", StringComparison.Ordinal)
            ? [[1, 3, 24, 40], [2, 3, 16, 8]]
            : [[1, 3, 37, 29], [2, 3, 19, 44]];
        NetworkExportResult r = NetworkExportCheck.Run(network, options, inputs);
        log.WriteLine($"{model} opset {opset} dynamic: max |diff| " + string.Join(", ", r.MaxDiffs.Select(d => $"{d.Key} {d.Value:E2}")));
        for (int s = 0; s < inputs.Length; s++)
            foreach ((string name, long[] shape) in NetworkExportCheck.GeneratedShapes(network, inputs[s][0], inputs[s][2], inputs[s][3], options))
                Assert.Equal(shape, r.OutputShapes[s][name]);
    }

    private static void AssertInitializersAreStateDictKeys(ISegmentationNetwork network, NetworkExportResult r, bool fold)
    {
        var module = (nn.Module)network;
        var keys = module.state_dict().Keys.ToHashSet();
        // Folded BatchNorms leave a bias on the conv before them, which the module does not have.
        var folded = fold
            ? module.named_modules().Where(m => m.module is TorchSharp.Modules.BatchNorm2d).Select(m => m.name).ToHashSet()
            : new HashSet<string>();
        foreach (string initializer in r.Initializers.Where(i => !i.StartsWith("const_", StringComparison.Ordinal)))
            Assert.True(keys.Contains(initializer) || (fold && initializer.EndsWith(".bias", StringComparison.Ordinal)),
                $"initializer '{initializer}' is not a state_dict key");
        // Every learned weight of a non-BatchNorm layer is in the graph under its own name.
        string[] own = keys.Where(k => (k.EndsWith(".weight", StringComparison.Ordinal) || k.EndsWith(".bias", StringComparison.Ordinal))
                                       && !folded.Contains(k[..k.LastIndexOf('.')])
                                       && !(fold && k.EndsWith(".bias", StringComparison.Ordinal))).ToArray();
        Assert.All(own, k => Assert.Contains(k, r.Initializers));
    }
}
