using System.Collections.Generic;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.NN.Blocks;
using Segment.Runtime.Serialization;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>load_state_dict: everything is checked before anything is copied; errors name the keys and both shapes.</summary>
public class LoadStateDictTests
{
    /// <summary>A full, valid state dict for ConvBnRelu(3, 8) with values unlike the module's own.</summary>
    private static Dictionary<string, Tensor> Valid(ConvBnRelu m)
    {
        using Scalar five = 5.ToScalar(), two = 2.0.ToScalar();
        return m.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.dtype == ScalarType.Int64
            ? torch.full([], five, ScalarType.Int64)
            : torch.rand(kv.Value.shape).add(two, Scalars.One));
    }

    private static Dictionary<string, float[]> Snapshot(ConvBnRelu m) =>
        m.state_dict().ToDictionary(kv => kv.Key, kv => Close.ToDoubles(kv.Value).Select(v => (float)v).ToArray());

    private static void AssertUnchanged(Dictionary<string, float[]> before, ConvBnRelu m)
    {
        var after = Snapshot(m);
        Assert.Equal(before.Keys, after.Keys);
        foreach (string k in before.Keys)
            Assert.True(before[k].SequenceEqual(after[k]), $"{k} changed although loading failed");
    }

    [Fact]
    public void Valid_dict_is_copied_into_the_existing_tensors()
    {
        using var m = new ConvBnRelu(3, 8);
        using var scope = torch.NewDisposeScope();
        Tensor weightBefore = m.conv.weight;
        var sd = Valid(m);
        m.load_state_dict(sd);
        Assert.Same(weightBefore, m.conv.weight);     // references held elsewhere stay valid
        Assert.True(m.conv.weight.requires_grad);
        foreach (var (k, v) in m.state_dict())
            Close.Equal(sd[k], v, k);
    }

    [Fact]
    public void Missing_key_throws_naming_it_and_changes_nothing()
    {
        using var m = new ConvBnRelu(3, 8);
        using var scope = torch.NewDisposeScope();
        var sd = Valid(m);
        sd.Remove("bn.running_var");
        var before = Snapshot(m);
        var e = Assert.Throws<StateDictMismatchException>(() => m.load_state_dict(sd));
        Assert.Equal(["bn.running_var"], e.MissingKeys);
        Assert.Contains("\"bn.running_var\"", e.Message);
        AssertUnchanged(before, m);
    }

    [Fact]
    public void Unexpected_key_throws_naming_it_and_changes_nothing()
    {
        using var m = new ConvBnRelu(3, 8);
        using var scope = torch.NewDisposeScope();
        var sd = Valid(m);
        sd["bn.extra"] = torch.zeros(8);
        var before = Snapshot(m);
        var e = Assert.Throws<StateDictMismatchException>(() => m.load_state_dict(sd));
        Assert.Equal(["bn.extra"], e.UnexpectedKeys);
        Assert.Contains("\"bn.extra\"", e.Message);
        AssertUnchanged(before, m);
    }

    [Fact]
    public void Wrong_shape_throws_with_both_shapes_and_changes_nothing()
    {
        using var m = new ConvBnRelu(3, 8);
        using var scope = torch.NewDisposeScope();
        var sd = Valid(m);                            // conv.weight (first key) is valid and would be copied first
        sd["bn.weight"] = torch.ones(4);
        var before = Snapshot(m);
        var e = Assert.Throws<StateDictMismatchException>(() => m.load_state_dict(sd));
        var mismatch = Assert.Single(e.ShapeMismatches);
        Assert.Equal("bn.weight", mismatch.Key);
        Assert.Equal(new long[] { 8 }, mismatch.Expected);
        Assert.Equal(new long[] { 4 }, mismatch.Loaded);
        Assert.Contains("bn.weight", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Contains("[8]", e.Message);
        AssertUnchanged(before, m);
    }

    [Fact]
    public void Non_strict_allows_missing_and_unexpected_keys_but_not_wrong_shapes()
    {
        using var m = new ConvBnRelu(3, 8);
        using var scope = torch.NewDisposeScope();
        var sd = Valid(m);
        sd.Remove("bn.running_mean");
        sd["something.else"] = torch.zeros(2);
        Tensor meanBefore = ((TorchSharp.Modules.BatchNorm2d)m.bn).running_mean!.clone();
        m.load_state_dict(sd, strict: false);
        Close.Equal(sd["conv.weight"], m.conv.weight, "conv.weight");
        Close.Equal(meanBefore, ((TorchSharp.Modules.BatchNorm2d)m.bn).running_mean!, "bn.running_mean (absent from the dict, kept)");

        sd["conv.weight"] = torch.zeros(8, 3, 1, 1);
        var e = Assert.Throws<StateDictMismatchException>(() => m.load_state_dict(sd, strict: false));
        Assert.Contains("[8, 3, 1, 1]", e.Message);
        Assert.Contains("[8, 3, 3, 3]", e.Message);
    }

    [Fact]
    public void State_dict_values_are_the_modules_own_tensors_in_pytorch_order()
    {
        // TorchSharp's state_dict() hands out the live tensors (dispose none of them) and lists all parameters
        // before all buffers; StateDicts.Ordered gives PyTorch's order (per module: parameters, buffers, children).
        using var m = new DoubleConv(3, 8, 4);
        var sd = m.state_dict();
        Assert.Same(m.conv1.weight, sd["0.weight"]);
        Assert.Equal(
            ["0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
             "3.weight", "4.weight", "4.bias", "4.running_mean", "4.running_var", "4.num_batches_tracked"],
            StateDicts.Ordered(m).Select(kv => kv.Key));
        Assert.Equal(sd.Keys.OrderBy(k => k), StateDicts.Ordered(m).Select(kv => kv.Key).OrderBy(k => k));
    }
}
