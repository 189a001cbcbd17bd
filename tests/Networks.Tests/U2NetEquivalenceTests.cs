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
/// The generated U²-Nets are the seeds' networks: the same random weights (a .pth written by
/// PyTorch) and the same input give the same fused map and sides as the PyTorch reference written
/// from docs/seeds.md, in eval and train mode, at 320x320 and at an odd size (ceil_mode pooling).
/// </summary>
public sealed class U2NetEquivalenceTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-4;

    /// <summary>The example variants, as rows [height, in, mid, out, rsu4f, side] for the reference.</summary>
    public const string Small4Config =
        """{"encode": [[5,3,16,32,false,false],[4,32,16,64,false,false],[4,64,32,64,true,false],[4,64,32,64,true,true]],""" +
        """ "decode": [[4,128,32,64,true,true],[4,128,16,32,false,false],[5,64,16,32,false,true]], "out_ch": 1}""";

    public static IEnumerable<object[]> Cases() =>
    [
        // model, oracle model, config, batch, H, W, mode
        // Train mode runs in float64 (NetworkOracle.Forward), several times slower than float32: the full network's
        // train forward at 320x320 is covered by Loss_and_running_statistics_match_pytorch (every output's loss term).
        ["u2net", "u2net", null!, 1, 320, 320, "eval"],
        ["u2net", "u2net", null!, 1, 333, 257, "eval"],
        ["u2net", "u2net", null!, 1, 333, 257, "train"],
        ["u2netp", "u2netp", null!, 2, 320, 320, "eval"],
        ["u2netp", "u2netp", null!, 2, 96, 96, "train"],
        ["u2netp", "u2netp", null!, 1, 333, 257, "eval"],
        ["u2netp", "u2netp", null!, 1, 333, 257, "train"],
        // The seeds' U²-Net takes any size (ceil-mode pooling, resize to the skip): the boundaries, as PyTorch runs them.
        ["u2netp", "u2netp", null!, 1, 1, 1, "eval"],
        ["u2netp", "u2netp", null!, 1, 20, 20, "eval"],
        ["u2netp", "u2netp", null!, 2, 1, 1, "train"],
        ["u2net-small4", "u2net-config", Small4Config, 2, 64, 64, "train"],
        ["u2net-small4", "u2net-config", Small4Config, 2, 64, 64, "eval"],
        ["u2netp-4class", "u2netp", """{"out_ch": 4}""", 1, 97, 131, "train"],
        ["u2netp-4class", "u2netp", """{"out_ch": 4}""", 1, 97, 131, "eval"],
        // [Blocks(Norm = Norm.Group, Groups = 8, Activation = Activation.PReLU)] on the u2netp stages.
        ["u2netp-gn", "u2netp", BlockOptionsTests.U2NetLiteGroupConfig, 1, 45, 37, "eval"],
        ["u2netp-gn", "u2netp", BlockOptionsTests.U2NetLiteGroupConfig, 2, 33, 40, "train"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_match_pytorch(string model, string oracleModel, string? config, int batch, int h, int w, string mode)
    {
        var oracle = new NetworkOracle(oracleModel, config);
        string weights = oracle.MakeWeights(seed: 7);
        string input = oracle.MakeInput(seed: 11, batch, 3, h, w);
        string reference = oracle.Forward(weights, input, mode);

        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        LoadWeights(network, weights);
        NetworkOracle.Prepare((nn.Module)network, mode);
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = NetworkOracle.LoadInput(input, mode);
        if (mode == "eval")
        {
            Tensor prob = network.Predict(x);
            Tensor expected = NetworkOracle.Load(reference, "prob");
            log.WriteLine($"{model} {h}x{w} eval prob: max |diff| {Close.MaxAbsDiff(expected, prob):E2}");
            Close.Assert(expected, prob, Tolerance, Tolerance, $"{model} {h}x{w} eval probabilities");
            return;
        }
        IReadOnlyList<(string Name, Tensor Value)> outputs = network.ForwardNamed(x);
        string[] expectedNames = Directory.GetFiles(reference, "*.npy").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n).ToArray()!;
        Assert.Equal(expectedNames, outputs.Select(o => o.Name).OrderBy(n => n).ToArray());
        foreach ((string name, Tensor value) in outputs)
        {
            Tensor expected = NetworkOracle.Load(reference, name);
            log.WriteLine($"{model} {h}x{w} train {name}: max |diff| {Close.MaxAbsDiff(expected, value):E2}");
            Close.Assert(expected, value, Tolerance, Tolerance, $"{model} {h}x{w} train {name}");
        }
    }

    [Theory]
    [InlineData(32, false)]   // batch 1: the innermost maps are 1 x 1, one value per channel
    [InlineData(33, true)]    // ceil-mode pooling leaves 2 x 2 there
    public void Train_mode_refuses_batch_statistics_of_one_value_as_pytorch_does(int size, bool runs)
    {
        // PyTorch: "Expected more than 1 value per channel when training, got input size torch.Size([1, 16, 1, 1])".
        using ISegmentationNetwork network = GeneratedNetworks.Create("u2netp");
        ((nn.Module)network).train();
        using DisposeScope scope = torch.NewDisposeScope();
        Tensor x = torch.randn(1, 3, size, size);
        if (runs)
        {
            Assert.Equal(7, network.ForwardNamed(x).Count);
            return;
        }
        var e = Assert.Throws<System.ArgumentException>(() => network.ForwardNamed(x));
        Assert.StartsWith("Expected more than 1 value per channel when training, got input size [1, 16, 1, 1]", e.Message);
    }

    [Theory]
    [InlineData("u2net", 1, 320, 320)]
    [InlineData("u2netp", 2, 333, 257)]
    public void Loss_and_running_statistics_match_pytorch(string model, int batch, int h, int w)
    {
        var oracle = new NetworkOracle(model);
        string weights = oracle.MakeWeights(seed: 3);
        string input = oracle.MakeInput(seed: 5, batch, 3, h, w);
        string target = oracle.MakeTarget(seed: 6, batch, 1, h, w);
        string state = Path.Combine(oracle.Folder, "state-after");
        string reference = oracle.Forward(weights, input, "train", target, dumpState: state);

        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        LoadWeights(network, weights);
        NetworkOracle.Prepare((nn.Module)network, "train");
        using DisposeScope scope = torch.NewDisposeScope();
        Tensor x = NetworkOracle.LoadInput(input, "train");
        Tensor y = NetworkOracle.LoadTarget(target, "train");
        (Tensor total, IReadOnlyList<(string Name, Tensor Value)> terms) = network.Loss(network.ForwardNamed(x), y);

        Tensor expectedTotal = NetworkOracle.Load(reference, "loss_total");
        log.WriteLine($"{model} loss total {total.ToDouble():F7}, PyTorch {expectedTotal.ToDouble():F7}");
        Close.Assert(expectedTotal, total, 1e-5, 1e-5, $"{model} total loss");
        Assert.Equal(7, terms.Count);
        foreach ((string name, Tensor value) in terms)
            Close.Assert(NetworkOracle.Load(reference, "loss_" + name), value, 1e-5, 1e-5, $"{model} loss term {name}");

        // A train-mode forward updates every BatchNorm's running statistics as PyTorch does.
        foreach ((string key, Tensor value) in ((nn.Module)network).state_dict())
            Close.Assert(NetworkOracle.Load(state, key), value, 1e-5, 1e-5, $"{model} state after a train step: {key}");
    }

    private static void LoadWeights(ISegmentationNetwork network, string path)
    {
        StateDicts.Load((nn.Module)network, path);
    }
}
