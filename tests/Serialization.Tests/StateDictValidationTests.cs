using System;
using System.Collections.Generic;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Xunit;

namespace Segment.Serialization.Tests;

/// <summary>One message lists every missing key, unexpected key and shape mismatch, as PyTorch's load_state_dict does.</summary>
public class StateDictValidationTests
{
    private static readonly (string Key, long[] Shape)[] Expected =
    {
        ("conv.weight", new long[] { 4, 3, 3, 3 }),
        ("bn.weight", new long[] { 4 }),
        ("bn.num_batches_tracked", Array.Empty<long>()),
        ("head.bias", new long[] { 2 }),
    };

    [Fact]
    public void AllProblems_AppearInOneMessage()
    {
        var loaded = new (string, long[])[]
        {
            ("conv.weight", new long[] { 4, 5, 3, 3 }), // wrong in_channels
            ("bn.weight", new long[] { 4 }),
            ("bn.num_batches_tracked", new long[] { 1 }), // 0-dim expected
            ("extra.bias", new long[] { 7 }),
        };
        var e = Assert.Throws<StateDictMismatchException>(() => StateDictValidation.ThrowIfIncompatible(Expected, loaded, strict: true));

        Assert.Contains("Missing key(s) in state_dict: \"head.bias\".", e.Message);
        Assert.Contains("Unexpected key(s) in state_dict: \"extra.bias\".", e.Message);
        Assert.Contains("size mismatch for conv.weight: copying a param with shape [4, 5, 3, 3] from checkpoint, the shape in current model is [4, 3, 3, 3].", e.Message);
        Assert.Contains("size mismatch for bn.num_batches_tracked: copying a param with shape [1] from checkpoint, the shape in current model is [].", e.Message);
        Assert.DoesNotContain("bn.weight", e.Message);
        Assert.Equal(new[] { "head.bias" }, e.MissingKeys);
        Assert.Equal(new[] { "extra.bias" }, e.UnexpectedKeys);
        Assert.Equal(new[] { "conv.weight", "bn.num_batches_tracked" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(e.ShapeMismatches), m => m.Key));
    }

    [Fact]
    public void NonStrict_IgnoresMissingAndUnexpectedButNotShapes()
    {
        var onlyKeyProblems = new (string, long[])[] { ("conv.weight", new long[] { 4, 3, 3, 3 }), ("extra", new long[] { 1 }) };
        StateDictValidation.ThrowIfIncompatible(Expected, onlyKeyProblems, strict: false);

        var withShape = new (string, long[])[] { ("bn.weight", new long[] { 5 }), ("extra", new long[] { 1 }) };
        var e = Assert.Throws<StateDictMismatchException>(() => StateDictValidation.ThrowIfIncompatible(Expected, withShape, strict: false));
        Assert.Contains("size mismatch for bn.weight: copying a param with shape [5] from checkpoint, the shape in current model is [4].", e.Message);
        Assert.DoesNotContain("Missing", e.Message);
        Assert.DoesNotContain("Unexpected", e.Message);
    }

    [Fact]
    public void ExactMatch_Passes()
    {
        var loaded = new List<(string, long[])>();
        foreach (var (k, s) in Expected)
            loaded.Add((k, (long[])s.Clone()));
        StateDictValidation.ThrowIfIncompatible(Expected, loaded, strict: true);
    }

    [Fact]
    public void TensorOverload_ReadsShapesFromTheTensors()
    {
        using var scope = torch.NewDisposeScope();
        var loaded = new Dictionary<string, Tensor>
        {
            ["conv.weight"] = torch.zeros(4, 3, 3, 3),
            ["bn.weight"] = torch.zeros(3),
            ["bn.num_batches_tracked"] = torch.zeros(Array.Empty<long>(), ScalarType.Int64),
        };
        var e = Assert.Throws<StateDictMismatchException>(() => StateDictValidation.ThrowIfIncompatible(Expected, loaded, strict: true));
        Assert.Contains("size mismatch for bn.weight: copying a param with shape [3] from checkpoint, the shape in current model is [4].", e.Message);
        Assert.Contains("Missing key(s) in state_dict: \"head.bias\".", e.Message);
    }
}
