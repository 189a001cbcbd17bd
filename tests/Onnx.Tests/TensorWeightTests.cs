using System;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Onnx;
using Segment.Runtime.Onnx.Proto;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>Weights given as TorchSharp tensors, as generated code passes them.</summary>
public class TensorWeightTests
{
    [Fact]
    public void A_non_contiguous_tensor_is_stored_in_row_major_order_and_left_intact()
    {
        using Tensor source = torch.tensor(new float[] { 0, 1, 2, 3, 4, 5 }, 2, 3);
        using Tensor transposed = source.transpose(0, 1);   // [3, 2] view: 0 3 / 1 4 / 2 5
        Assert.False(transposed.is_contiguous());

        OnnxTensorData data = transposed;
        Assert.Equal(ScalarType.Float32, data.DType);
        Assert.Equal(new long[] { 3, 2 }, data.Shape);
        var g = new OnnxGraphBuilder("g");
        string w = g.Initializer("w", data);
        g.Output("y", g.Add(g.Input("x", ScalarType.Float32, new OnnxDim[] { 3, 2 }), w));   // read, so the initializer is kept
        TensorProto stored = ModelProto.Parser.ParseFrom(g.ToBytes()).Graph.Initializer.Single();
        byte[] raw = stored.RawData.ToByteArray();
        Assert.Equal(new[] { 0f, 3f, 1f, 4f, 2f, 5f }, Enumerable.Range(0, 6).Select(i => BitConverter.ToSingle(raw, i * 4)));
        Assert.Equal(new long[] { 3, 2 }, stored.Dims);

        // The conversion disposed only what it created.
        Assert.False(transposed.IsInvalid);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, transposed.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void Module_tensors_pass_straight_to_conv_and_fold_like_float_arrays()
    {
        float[] w = Enumerable.Range(0, 2 * 3 * 3 * 3).Select(i => (float)Math.Cos(i)).ToArray();
        float[] gamma = { 0.5f, 2f }, beta = { 0.1f, -0.2f }, mean = { 0.3f, -0.4f }, var = { 1.5f, 0.25f };
        using Tensor tw = torch.tensor(w, 2, 3, 3, 3);
        using Tensor tg = torch.tensor(gamma), tb = torch.tensor(beta), tm = torch.tensor(mean), tv = torch.tensor(var);

        byte[] Build(OnnxTensorData cw, OnnxTensorData g0, OnnxTensorData b0, OnnxTensorData m0, OnnxTensorData v0)
        {
            var g = new OnnxGraphBuilder("g", 13);
            string x = g.Input("x", ScalarType.Float32, new OnnxDim[] { 1, 3, 5, 5 });
            g.Output("y", g.ConvBn(x, cw, null, g0, b0, m0, v0, 1e-5, "conv", "bn", padding: (1, 1)));
            return g.ToBytes();
        }

        byte[] fromTensors = Build(tw, tg, tb, tm, tv);
        byte[] fromArrays = Build(OnnxTensorData.FromFloats(w, 2, 3, 3, 3), OnnxTensorData.FromFloats(gamma, 2),
            OnnxTensorData.FromFloats(beta, 2), OnnxTensorData.FromFloats(mean, 2), OnnxTensorData.FromFloats(var, 2));
        Assert.Equal(fromArrays, fromTensors);
    }
}
