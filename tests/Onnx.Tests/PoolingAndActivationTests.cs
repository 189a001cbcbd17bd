using System.Linq;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>MaxPool (ceil_mode on odd sizes), Sigmoid, Softmax, Add, Concat against PyTorch.</summary>
public class PoolingAndActivationTests
{
    [Theory]
    [InlineData(11, true)]
    [InlineData(11, false)]
    [InlineData(17, true)]
    [InlineData(17, false)]
    public void MaxPool_2x2_matches_pytorch_on_odd_sizes(int opset, bool ceilMode)
    {
        var c = new ExportCase("maxpool", opset);
        string x = c.Input("input", "batch", 2, "height", "width");
        c.Output("output", c.MaxPool(x, (2, 2), ceilMode: ceilMode));
        ExportResult r = c.Run(Sets.Input(1, 2, 9, 7), Sets.Input(1, 2, 5, 5), Sets.Input(2, 2, 8, 8));
        // U2Net pools with ceil_mode: 9 x 7 -> 5 x 4 (floor would give 4 x 3).
        Assert.Equal(ceilMode ? new long[] { 1, 2, 5, 4 } : new long[] { 1, 2, 4, 3 }, r.OutputShapes[0]["output"]);
        Assert.Equal(ceilMode ? new long[] { 1, 2, 3, 3 } : new long[] { 1, 2, 2, 2 }, r.OutputShapes[1]["output"]);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void MaxPool_3x3_stride_2_padding_1_ceil_matches_pytorch_static(int opset)
    {
        var c = new ExportCase("maxpool_pad", opset);
        string x = c.Input("input", 1, 3, 10, 7);
        c.Output("output", c.MaxPool(x, (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true));
        ExportResult r = c.Run(Sets.Input(1, 3, 10, 7));
        Assert.Equal(r.OutputShapes[0]["output"].Cast<object?>().ToArray(), r.InferredShape("output"));
    }

    [Theory]
    [InlineData(11, 1)]
    [InlineData(11, -1)]
    [InlineData(11, 2)]
    [InlineData(13, 1)]
    [InlineData(17, 1)]
    public void Softmax_over_one_axis_matches_pytorch(int opset, int axis)
    {
        var c = new ExportCase("softmax", opset);
        string x = c.Input("input", "batch", 4, "height", "width");
        c.Output("output", c.Softmax(x, axis));
        ExportResult r = c.Run(Sets.Input(2, 4, 3, 5), Sets.Input(1, 4, 6, 2));
        string[] ops = r.Check.GetProperty("ops").EnumerateArray().Select(e => e.GetString()!).ToArray();
        // Before opset 13 ONNX softmaxes all trailing axes together; a non-last axis must be moved last first.
        bool moved = opset < 13 && axis != -1;
        Assert.Equal(moved ? new[] { "Transpose", "Softmax", "Transpose" } : new[] { "Softmax" }, ops);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Concat_add_and_sigmoid_match_pytorch(int opset)
    {
        var c = new ExportCase("concat_add", opset);
        string a = c.Input("a", "batch", 2, "height", "width");
        string b = c.Input("b", "batch", 3, "height", "width");
        string cat = c.Concat(1, a, b, a);
        string sum = c.Add(cat, c.Concat(1, b, a, a));
        c.Output("output", c.Sigmoid(sum));
        c.Output("logits", sum);
        ExportResult r = c.Run(
            new() { ["a"] = new long[] { 1, 2, 5, 3 }, ["b"] = new long[] { 1, 3, 5, 3 } },
            new() { ["a"] = new long[] { 2, 2, 4, 7 }, ["b"] = new long[] { 2, 3, 4, 7 } });
        Assert.Equal(new long[] { 2, 7, 4, 7 }, r.OutputShapes[1]["output"]);
        Assert.Equal(new long[] { 2, 7, 4, 7 }, r.OutputShapes[1]["logits"]);
    }
}
