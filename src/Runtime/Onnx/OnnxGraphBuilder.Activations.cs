using System;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// The activations a block's options choose (ReLU and Sigmoid are with the element-wise ops).
public sealed partial class OnnxGraphBuilder
{
    /// <summary>F.leaky_relu(x, slope).</summary>
    public string LeakyRelu(string x, double slope, string? name = null) =>
        AddNode("LeakyRelu", name, new[] { x }, new[] { OnnxProto.Float("alpha", (float)slope) });

    /// <summary>F.elu(x, alpha).</summary>
    public string Elu(string x, double alpha, string? name = null) =>
        AddNode("Elu", name, new[] { x }, new[] { OnnxProto.Float("alpha", (float)alpha) });

    /// <summary>nn.PReLU with one slope or one per channel: its weight is the initializer "{name}.weight".</summary>
    public string PRelu(string x, OnnxTensorData slope, string name)
    {
        ArgumentNullException.ThrowIfNull(slope);
        CheckModuleName(name);
        string weight = Initializer(name + ".weight", slope);
        if (slope.Rank == 1 && slope.Dim(0) > 1)
            // PyTorch's per-channel slope [C] broadcasts over channels, ONNX's over the last axes: make it [C, 1, 1].
            weight = AddNode("Reshape", name + ".weight/per_channel", new[] { weight, ConstantInt64(-1, 1, 1) }, Array.Empty<AttributeProto>(),
                new ValueMeta(slope.DType, 3));
        return AddNode("PRelu", name, new[] { x, weight }, Array.Empty<AttributeProto>());
    }

    /// <summary>The exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)): ONNX's Gelu op only arrives in opset 20.</summary>
    public string Gelu(string x, string? name = null)
    {
        string stem = name ?? "Gelu";
        string scaled = AddNode("Mul", stem + "/scaled", new[] { x, ConstantFloat32((float)(1 / Math.Sqrt(2))) }, Array.Empty<AttributeProto>());
        string erf = AddNode("Erf", stem + "/erf", new[] { scaled }, Array.Empty<AttributeProto>());
        string onePlus = AddNode("Add", stem + "/one_plus", new[] { erf, ConstantFloat32(1f) }, Array.Empty<AttributeProto>());
        string half = AddNode("Mul", stem + "/half", new[] { x, ConstantFloat32(0.5f) }, Array.Empty<AttributeProto>());
        return AddNode("Mul", name, new[] { half, onePlus }, Array.Empty<AttributeProto>());
    }

    /// <summary>Element-wise a * b (numpy broadcasting).</summary>
    public string Mul(string a, string b, string? name = null) => AddNode("Mul", name, new[] { a, b }, Array.Empty<AttributeProto>());
}
