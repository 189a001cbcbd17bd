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
    public void Checkpoints_of_another_network_give_a_short_message_with_the_first_keys_and_the_counts()
    {
        // Every key of a 300-tensor network missing and 300 others unexpected: PyTorch's message would run to tens of kilobytes.
        var expected = new List<(string, long[])>();
        var loaded = new List<(string, long[])>();
        for (int i = 0; i < 300; i++)
        {
            expected.Add(($"stage{i}.conv.weight", new long[] { 64, 64, 3, 3 }));
            loaded.Add(($"other{i}.weight", new long[] { 8 }));
        }
        loaded.AddRange(expected.ConvertAll(e => (e.Item1, new long[] { 1 })).GetRange(0, 20));
        var e = Assert.Throws<StateDictMismatchException>(() => StateDictValidation.ThrowIfIncompatible(expected, loaded, strict: true));

        Assert.True(e.Message.Length < 2000, $"{e.Message.Length} characters");
        Assert.Contains("Missing key(s) in state_dict: \"stage20.conv.weight\", \"stage21.conv.weight\", \"stage22.conv.weight\", \"stage23.conv.weight\", \"stage24.conv.weight\", ... and 275 more (280 in all).", e.Message);
        Assert.Contains("Unexpected key(s) in state_dict: \"other0.weight\", \"other1.weight\", \"other2.weight\", \"other3.weight\", \"other4.weight\", ... and 295 more (300 in all).", e.Message);
        Assert.Contains("... and 15 more size mismatch(es) (20 in all).", e.Message);
        // The exception still carries every key for code that wants them.
        Assert.Equal(280, e.MissingKeys.Count);
        Assert.Equal(300, e.UnexpectedKeys.Count);
        Assert.Equal(20, e.ShapeMismatches.Count);
    }

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
