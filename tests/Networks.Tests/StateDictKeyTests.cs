using System.Collections.Generic;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// Every example network's state_dict has the seeds' PyTorch keys (docs/seeds.md, "Names of weights"): the
/// same keys, in the same order, with the same shapes as the reference network's torch.save file, both in
/// PyTorch's order (StateDicts.Ordered, what checkpoints are written in) and as TorchSharp's own state_dict().
/// </summary>
public sealed class StateDictKeyTests
{
    public static IEnumerable<object?[]> Examples() =>
    [
        // example, oracle model, oracle config
        ["u2net", "u2net", null],
        ["u2netp", "u2netp", null],
        ["u2net-small4", "u2net-config", U2NetEquivalenceTests.Small4Config],
        ["u2netp-4class", "u2netp", """{"out_ch": 4}"""],
        ["unet", "unet", null],
        ["unet-transposed", "unet-transposed", null],
        ["unet32", "unet32", null],
        ["unet-aux", "unet-config", UNetEquivalenceTests.AuxConfig],
        ["unetpp", "unetpp", null],
        ["unetpp-ds", "unetpp-ds", null],
        ["unetpp-3class", "unetpp-config", UNetLossAndMetricTests.UNetPlusPlusMultiClassConfig],
        ["unet-res", "unet-config", BlockOptionsTests.UNetResidualConfig],
        ["unet-in", "unet-config", BlockOptionsTests.UNetInstanceConfig],
        ["unet-attn", "unet-config", BlockOptionsTests.UNetAttentionConfig],
        ["u2netp-gn", "u2netp", BlockOptionsTests.U2NetLiteGroupConfig],
        ["unetpp-res", "unetpp-config", BlockOptionsTests.UNetPlusPlusResidualConfig],
        ["unetpp-gn", "unetpp-config", BlockOptionsTests.UNetPlusPlusGroupConfig],
    ];

    [Fact]
    public void Every_example_network_is_listed()
    {
        Assert.Equal(GeneratedNetworks.Names.OrderBy(n => n), Examples().Select(e => (string)e[0]!).OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Keys_order_and_shapes_equal_the_seeds_pytorch_state_dict(string example, string oracleModel, string? config)
    {
        var oracle = new NetworkOracle(oracleModel, config);
        string pth = oracle.MakeWeights(seed: 1);
        string[] expected = CheckpointReader.ReadStateDict(pth).Select(kv => $"{kv.Key} {Segment.Runtime.TensorBytes.FormatShape(kv.Value.Shape)}").ToArray();

        using ISegmentationNetwork network = GeneratedNetworks.Create(example);
        var module = (nn.Module)network;
        string[] ordered = StateDicts.Ordered(module).Select(kv => $"{kv.Key} {Segment.Runtime.TensorBytes.FormatShape(kv.Value.shape)}").ToArray();
        Assert.Equal(expected, ordered);
        // TorchSharp's own listing: the same entries (it puts every parameter before every buffer).
        Assert.Equal(expected.OrderBy(k => k, System.StringComparer.Ordinal),
                     module.state_dict().Select(kv => $"{kv.Key} {Segment.Runtime.TensorBytes.FormatShape(kv.Value.shape)}").OrderBy(k => k, System.StringComparer.Ordinal));
    }

    [Fact]
    public void A_seed_training_checkpoint_loads_as_its_state_dict()
    {
        // {'model': state_dict, 'optimizer': ..., 'epoch': ...}, as the seeds' train.py saves it, loads like the bare state_dict.
        var oracle = new NetworkOracle("unet32");
        string plain = oracle.MakeWeights(seed: 4);
        string wrapped = oracle.MakeWeights(seed: 4, wrapped: true);
        using var a = new UNet32();
        using var b = new UNet32();
        StateDicts.Load(a, plain);
        StateDicts.Load(b, wrapped);
        foreach (var ((key, x), (_, y)) in StateDicts.Ordered(a).Zip(StateDicts.Ordered(b)))
            Assert.True(x.allclose(y, rtol: 0, atol: 0), $"{key} differs between the bare and the wrapped checkpoint");
    }

    [Fact]
    public void A_generated_networks_load_state_dict_refuses_a_wrong_shape_and_changes_nothing()
    {
        // TorchSharp's own load_state_dict checks keys only and would broadcast a [1] tensor into every element.
        using var net = new UNetPlusPlusMultiClass();
        var source = net.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        source["final1.bias"] = torch.ones(1);
        float[] before = net.state_dict()["final1.bias"].data<float>().ToArray();
        var e = Assert.Throws<StateDictMismatchException>(() => net.load_state_dict(source));
        Assert.Contains("size mismatch for final1.bias", e.Message);
        Assert.Equal(before, net.state_dict()["final1.bias"].data<float>().ToArray());
        foreach (Tensor t in source.Values)
            t.Dispose();
    }
}
