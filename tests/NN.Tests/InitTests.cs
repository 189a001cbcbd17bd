using System;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>Tests that seed the global generator: they must not run beside tests that build modules (which draw from it).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class GlobalRngCollection
{
    public const string Name = "global RNG";
}

/// <summary>PyTorch 1.13's default initialisation: same values after the same seed, and the right bounds.</summary>
[Collection(GlobalRngCollection.Name)]
public class InitTests
{
    // The same sequence nn_modules.py builds after torch.manual_seed(1234).
    private static readonly (string Name, Func<Module> Build)[] Sequence =
    [
        ("conv", () => new Conv2d(3, 8, 3)),
        ("conv_nobias", () => new Conv2d(8, 4, 1, bias: false)),
        ("convT", () => new ConvTranspose2d(6, 4, 2, stride: 2)),
        ("convT_groups", () => new ConvTranspose2d(4, 6, 3, groups: 2)),
        ("bn", () => new BatchNorm2d(5)),
        ("convbnrelu", () => new ConvBnRelu(3, 8)),
        ("doubleconv", () => new DoubleConv(3, 8, 4)),
        ("vgg", () => new VggBlock(3, 5, 7)),
    ];

    [Fact]
    public void Same_seed_gives_exactly_pytorchs_values()
    {
        var expected = Oracles.Json(Oracles.Modules, "init.json").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("name").GetString()), Sequence.Select(s => s.Name));
        torch.manual_seed(1234);
        var modules = Sequence.Select(s => s.Build()).ToArray();
        using var scope = torch.NewDisposeScope();
        for (int i = 0; i < modules.Length; i++)
        {
            string name = Sequence[i].Name;
            var keys = expected[i].GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToArray();
            var sd = modules[i].state_dict();
            Assert.Equal(keys, sd.Keys);
            foreach (string key in keys)
                Close.Equal(Oracles.Load(System.IO.Path.Combine(Oracles.Modules, "init", name), key), sd[key], $"{name}.{key}");
            modules[i].Dispose();
        }
    }

    [Fact]
    public void Same_seed_twice_gives_the_same_module()
    {
        torch.manual_seed(99);
        using var a = new VggBlock(4, 6, 8);
        torch.manual_seed(99);
        using var b = new VggBlock(4, 6, 8);
        using var scope = torch.NewDisposeScope();
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Close.Equal(pa, pb, name);
    }

    [Fact]
    public void Conv2d_weight_and_bias_are_uniform_within_one_over_sqrt_fan_in()
    {
        using var conv = new Conv2d(64, 128, 3);          // fan_in 576
        CheckUniform(conv.weight, 1 / Math.Sqrt(64 * 9), "Conv2d(64, 128, 3).weight");
        using var wide = new Conv2d(16, 4096, 1);         // fan_in 16, 4096 bias values
        CheckUniform(wide.bias!, 0.25, "Conv2d(16, 4096, 1).bias", stdTolerance: 0.05);
    }

    [Fact]
    public void ConvTranspose2d_takes_fan_in_from_weight_dim_1()
    {
        // weight [8, 256, 4, 4]: fan_in = 256 * 16 = 4096 (bound 1/64); dim 0 would give 8 * 16 = 128 (bound 0.088).
        using var up = new ConvTranspose2d(8, 256, 4);
        Assert.Equal(new long[] { 8, 256, 4, 4 }, up.weight.shape);
        CheckUniform(up.weight, 1.0 / 64, "ConvTranspose2d(8, 256, 4).weight");
        using Tensor absMax = up.bias!.abs().max();
        Assert.True(absMax.ToDouble() <= 1.0 / 64, $"bias max |b| {absMax.ToDouble()} > 1/64");
    }

    [Fact]
    public void BatchNorm2d_starts_as_identity_statistics()
    {
        using var bn = new BatchNorm2d(6);
        Assert.All(bn.weight!.data<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.All(bn.bias!.data<float>().ToArray(), v => Assert.Equal(0f, v));
        Assert.All(bn.running_mean!.data<float>().ToArray(), v => Assert.Equal(0f, v));
        Assert.All(bn.running_var!.data<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        Assert.Empty(bn.num_batches_tracked.shape);
        Assert.Equal(0, bn.num_batches_tracked.ToDouble());
    }

    /// <summary>U(-b, b): nothing beyond b, the extremes close to b, and standard deviation b / sqrt(3).</summary>
    private static void CheckUniform(Tensor t, double bound, string what, double stdTolerance = 0.02)
    {
        float[] v = t.data<float>().ToArray();
        double maxAbs = v.Max(x => Math.Abs((double)x));
        Assert.True(maxAbs <= bound, $"{what}: max |w| {maxAbs} exceeds the bound {bound}");
        Assert.True(maxAbs >= 0.98 * bound, $"{what}: max |w| {maxAbs} is well below the bound {bound}");
        double mean = v.Average(x => (double)x);
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        double want = bound / Math.Sqrt(3);
        Assert.True(Math.Abs(std - want) <= stdTolerance * want, $"{what}: std {std}, expected {want} (+-{stdTolerance:P0})");
        Assert.True(Math.Abs(mean) <= 4 * want / Math.Sqrt(v.Length), $"{what}: mean {mean} is not close to 0");
    }
}
