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
/// The generated UNets are the seeds' networks: the same .pth weights and input give the same logits as the
/// PyTorch reference (tests/oracles/models/unet.py), in eval and train mode, at odd sizes (the Up pad-to-skip)
/// and batch 2, for bilinear and transposed upsampling and with the auxiliary head.
/// </summary>
public sealed class UNetEquivalenceTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-4;

    /// <summary>examples/Networks/UNetAux.cs for the reference: depth 3, base 16, transposed, aux on up2, 3 classes.</summary>
    public const string AuxConfig = """{"channels": [16, 32, 64, 128], "bilinear": false, "aux_level": 2, "num_classes": 3, "loss_weight": [0.5, 1.0, 2.0]}""";

    public static IEnumerable<object[]> Cases() =>
    [
        // model, oracle model, config, batch, H, W, mode
        ["unet", "unet", null!, 1, 64, 64, "eval"],
        ["unet", "unet", null!, 2, 37, 45, "train"],
        ["unet-transposed", "unet-transposed", null!, 2, 33, 47, "eval"],
        ["unet-transposed", "unet-transposed", null!, 1, 35, 16, "train"],
        ["unet32", "unet32", null!, 1, 51, 29, "eval"],
        ["unet-aux", "unet-config", AuxConfig, 2, 37, 41, "train"],
        ["unet-aux", "unet-config", AuxConfig, 1, 19, 24, "eval"],
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
        Load(network, weights);
        NetworkOracle.Prepare((nn.Module)network, mode);
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        IReadOnlyList<(string Name, Tensor Value)> outputs = network.ForwardNamed(NetworkOracle.LoadInput(input, mode));

        string[] expectedNames = Directory.GetFiles(reference, "*.npy").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n).ToArray()!;
        Assert.Equal(expectedNames, outputs.Select(o => o.Name).OrderBy(n => n).ToArray());
        foreach ((string name, Tensor value) in outputs)
        {
            Assert.Equal(new long[] { batch, network.Classes, h, w }, value.shape); // output size equals input size
            Tensor expected = NetworkOracle.Load(reference, name);
            log.WriteLine($"{model} {batch}x{h}x{w} {mode} {name}: max |diff| {Close.MaxAbsDiff(expected, value):E2}");
            Close.Assert(expected, value, Tolerance, Tolerance, $"{model} {h}x{w} {mode} {name}");
        }
    }

    [Theory]
    [InlineData("unet", 17_263_042L)]
    [InlineData("unet-transposed", 31_037_698L)]
    [InlineData("unet32", 4_318_434L)]
    public void Seed_networks_have_the_seeds_parameter_counts(string model, long expected)
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        Assert.Equal(expected, network.TotalParameters);
        Assert.Equal(expected, ((nn.Module)network).parameter_count());
    }

    [Fact]
    public void Typed_output_has_out_and_aux()
    {
        using var network = new UNetAux();
        network.eval();
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using UNetAuxOutput output = network.forward(torch.randn([1, 3, 23, 17]));
        Assert.Equal(new long[] { 1, 3, 23, 17 }, output.Out.shape);
        Assert.Equal(new long[] { 1, 3, 23, 17 }, output.Aux.shape);
    }

    [Fact]
    public void Input_smaller_than_two_to_the_depth_is_rejected_with_the_minimum()
    {
        using var network = new UNet32();
        using DisposeScope scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => network.forward(torch.randn([1, 3, 15, 40])));
        Assert.Contains("H, W >= 16", e.Message);
    }

    internal static void Load(ISegmentationNetwork network, string path)
    {
        StateDicts.Load((nn.Module)network, path);
    }
}
