using System;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Onnx;
using Segment.Runtime.Onnx.Proto;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>The builder's own rules: names, misuse, folding arithmetic. No Python or Node needed.</summary>
public class BuilderTests
{
    private static OnnxGraphBuilder WithInput(out string x, int opset = 11)
    {
        var g = new OnnxGraphBuilder("g", opset);
        x = g.Input("input", ScalarType.Float32, new OnnxDim[] { 1, 2, 4, 4 });
        return g;
    }

    [Fact]
    public void Unknown_value_names_are_rejected()
    {
        var g = WithInput(out _);
        var e = Assert.Throws<ArgumentException>(() => g.Relu("nope"));
        Assert.Contains("'nope' is not a value of graph 'g'", e.Message);
    }

    [Fact]
    public void Duplicate_names_are_rejected()
    {
        var g = WithInput(out string x);
        Assert.Throws<ArgumentException>(() => g.Input("input", ScalarType.Float32, new OnnxDim[] { 1 }));
        var w = OnnxTensorData.FromFloats(new float[2 * 2], 2, 2, 1, 1);
        g.Conv(x, w, null, "conv");
        var e = Assert.Throws<ArgumentException>(() => g.Conv(x, w, null, "conv"));
        Assert.Contains("conv.weight", e.Message);
    }

    [Fact]
    public void Ops_without_names_get_numbered_names_in_call_order()
    {
        var g = WithInput(out string x);
        Assert.Equal("Relu", g.Relu(x));
        Assert.Equal("Relu_1", g.Relu(x));
        Assert.Equal("Sigmoid", g.Sigmoid(x));
    }

    [Fact]
    public void Output_renames_the_producing_value_and_the_old_name_keeps_working()
    {
        var g = WithInput(out string x);
        string r = g.Relu(x);
        g.Output("output", r);
        string s = g.Sigmoid(r);             // old name, after the rename
        g.Output("input_again", x);           // a graph input needs an Identity to become an output
        g.Output("sig", s);
        GraphProto graph = ModelProto.Parser.ParseFrom(g.ToBytes()).Graph;
        Assert.Equal(new[] { "Relu", "Sigmoid", "Identity" }, graph.Node.Select(n => n.OpType));
        Assert.Equal("output", graph.Node[0].Output[0]);
        Assert.Equal("output", graph.Node[1].Input[0]);
        Assert.Equal(new[] { "output", "input_again", "sig" }, graph.Output.Select(o => o.Name));
    }

    [Fact]
    public void Nearest_with_align_corners_is_rejected_as_pytorch_does()
    {
        var g = WithInput(out string x);
        Assert.Throws<ArgumentException>(() => g.ResizeByScale(x, 2, 2, OnnxInterpolation.Nearest, alignCorners: true));
    }

    [Fact]
    public void Resize_inputs_follow_the_opset()
    {
        // Opset 11 requires roi and scales (empty tensors when unused); 13 lets them be left out with "".
        var g11 = WithInput(out string x11, 11);
        g11.Output("y", g11.Resize(x11, 8, 8, OnnxInterpolation.Bilinear));
        NodeProto r11 = ModelProto.Parser.ParseFrom(g11.ToBytes()).Graph.Node.Single(n => n.OpType == "Resize");
        Assert.Equal(new[] { "input", "const_f32_empty", "const_f32_empty", "Resize/sizes" }, r11.Input);

        var g13 = WithInput(out string x13, 13);
        g13.Output("y", g13.ResizeByScale(x13, 2, 2, OnnxInterpolation.Nearest));
        NodeProto r13 = ModelProto.Parser.ParseFrom(g13.ToBytes()).Graph.Node.Single(n => n.OpType == "Resize");
        Assert.Equal(new[] { "input", "", "const_f32_1_1_2_2" }, r13.Input);
    }

    [Fact]
    public void Shape_computations_are_shared_between_ops_on_the_same_value()
    {
        var g = WithInput(out string x);
        string a = g.ResizeLike(g.Relu(x), x, OnnxInterpolation.Bilinear);
        string b = g.ResizeLike(g.Sigmoid(x), x, OnnxInterpolation.Bilinear);
        g.Output("y", g.Add(a, b));
        GraphProto graph = ModelProto.Parser.ParseFrom(g.ToBytes()).Graph;
        Assert.Single(graph.Node, n => n.OpType == "Shape" && n.Input[0] == "input");
    }

    [Fact]
    public void Folding_computes_gamma_over_sqrt_var_plus_eps_in_double()
    {
        // One output channel, two weights: W' = W * s, b' = (b - mean) * s + beta with s = 3 / sqrt(3 + 1) = 1.5.
        var g = WithInput(out string x);
        g.ConvBn(x, OnnxTensorData.FromFloats(new[] { 1f, -3f }, 1, 2, 1, 1), OnnxTensorData.FromFloats(new[] { 5f }, 1),
            OnnxTensorData.FromFloats(new[] { 3f }, 1), OnnxTensorData.FromFloats(new[] { 0.25f }, 1),
            OnnxTensorData.FromFloats(new[] { 1f }, 1), OnnxTensorData.FromFloats(new[] { 3f }, 1), 1.0, "c", "bn");
        g.Output("y", "c");
        GraphProto graph = ModelProto.Parser.ParseFrom(g.ToBytes()).Graph;
        float[] w = Floats(graph.Initializer.Single(t => t.Name == "c.weight"));
        float[] b = Floats(graph.Initializer.Single(t => t.Name == "c.bias"));
        Assert.Equal(new[] { 1.5f, -4.5f }, w);
        Assert.Equal(new[] { 6.25f }, b);
    }

    [Fact]
    public void Mismatched_weight_shapes_are_rejected_before_anything_is_added()
    {
        var g = WithInput(out string x);
        var w = OnnxTensorData.FromFloats(new float[3 * 2 * 9], 3, 2, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => g.Conv(x, w, OnnxTensorData.FromFloats(new float[2], 2), "c"));
        Assert.Contains("vector of 3", e.Message);
        Assert.Throws<ArgumentException>(() => OnnxTensorData.FromFloats(new float[5], 2, 2));
        // The failed Conv claimed no names: the same module name can still be used.
        g.Conv(x, w, null, "c");
    }

    private static float[] Floats(TensorProto t)
    {
        byte[] raw = t.RawData.ToByteArray();
        return Enumerable.Range(0, raw.Length / 4).Select(i => BitConverter.ToSingle(raw, i * 4)).ToArray();
    }
}
