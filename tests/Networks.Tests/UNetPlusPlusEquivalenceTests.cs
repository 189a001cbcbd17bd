using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>
/// The generated UNet++ is seed 004's NestedUNet: same weights and input give the same heads as the PyTorch
/// reference (tests/oracles/models/unetpp.py); the pruned forwards equal the full network's heads.
/// </summary>
public sealed class UNetPlusPlusEquivalenceTests(ITestOutputHelper log)
{
    internal const double Tolerance = 1e-4;

    public static IEnumerable<object[]> Cases() =>
    [
        // model, batch, H, W, mode
        ["unetpp", 1, 32, 32, "eval"],
        ["unetpp", 2, 48, 32, "train"],
        ["unetpp-ds", 2, 32, 48, "eval"],
        ["unetpp-ds", 1, 64, 16, "train"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_match_pytorch(string model, int batch, int h, int w, string mode) =>
        AssertOutputsMatch(log, model, new NetworkOracle(model), batch, h, w, mode);

    [Theory]
    [InlineData("eval")]
    [InlineData("train")]
    public void Multi_class_outputs_match_pytorch(string mode) =>
        AssertOutputsMatch(log, "unetpp-3class", new NetworkOracle("unetpp-config", UNetLossAndMetricTests.UNetPlusPlusMultiClassConfig), 2, 20, 28, mode);

    /// <summary>The example network <paramref name="model"/> and the oracle's reference, on the same seeded weights and input, give the same named outputs within 1e-4.</summary>
    internal static void AssertOutputsMatch(ITestOutputHelper log, string model, NetworkOracle oracle, int batch, int h, int w, string mode)
    {
        string weights = oracle.MakeWeights(seed: 7);
        string input = oracle.MakeInput(seed: 11, batch, 3, h, w);
        string reference = oracle.Forward(weights, input, mode);

        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        UNetEquivalenceTests.Load(network, weights);
        NetworkOracle.Prepare((nn.Module)network, mode);
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        IReadOnlyList<(string Name, Tensor Value)> outputs = network.ForwardNamed(NetworkOracle.LoadInput(input, mode));

        string[] expectedNames = Directory.GetFiles(reference, "*.npy").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n).ToArray()!;
        Assert.Equal(expectedNames, outputs.Select(o => o.Name).OrderBy(n => n).ToArray());
        foreach ((string name, Tensor value) in outputs)
        {
            Tensor expected = NetworkOracle.Load(reference, name);
            log.WriteLine($"{model} {batch}x{h}x{w} {mode} {name}: max |diff| {Close.MaxAbsDiff(expected, value):E2}");
            Close.Assert(expected, value, Tolerance, Tolerance, $"{model} {h}x{w} {mode} {name}");
        }
    }

    [Fact]
    public void Pruned_heads_equal_the_full_networks_heads()
    {
        var oracle = new NetworkOracle("unetpp-ds");
        string weights = oracle.MakeWeights(seed: 5);
        using var network = new UNetPlusPlusDeep();
        UNetEquivalenceTests.Load(network, weights);
        network.eval();
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.randn([2, 3, 32, 48]);
        using UNetPlusPlusDeepOutput full = network.forward(x);
        Tensor[] heads = [full.Out1, full.Out2, full.Out3, full.Out4];
        for (int depth = 1; depth <= 4; depth++)
        {
            Tensor pruned = network.ForwardPruned(x, depth);
            Close.Assert(heads[depth - 1], pruned, 1e-6, 1e-6, $"pruned depth {depth}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => network.ForwardPruned(x, 5));
    }

    [Fact]
    public void Input_not_divisible_by_16_says_what_to_pad_to()
    {
        using var network = new UNetPlusPlus();
        using DisposeScope scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => network.forward(torch.randn([1, 3, 100, 100])));
        Assert.Contains("pad 100x100 to 112x112", e.Message);
    }

    [Theory]
    [InlineData("unetpp", 9_163_329L)]
    [InlineData("unetpp-ds", 9_163_428L)]
    public void Parameter_counts_equal_the_seed(string model, long expected)
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        Assert.Equal(expected, network.TotalParameters);
        Assert.Equal(expected, ((nn.Module)network).parameter_count());
    }
}
