using System;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// The norms that keep no running statistics: InstanceNorm2d (affine) and GroupNorm, in every opset written
// (ONNX's GroupNormalization only arrives in opset 18; ReduceMean takes its axes as an attribute up to opset 17).
public sealed partial class OnnxGraphBuilder
{
    /// <summary>InstanceNorm2d(affine): InstanceNormalization with initializers "{name}.weight" and "{name}.bias".</summary>
    public string InstanceNormalization(string x, OnnxTensorData weight, OnnxTensorData bias, double eps, string name)
    {
        RequireRank(x, 4, "InstanceNormalization");
        CheckModuleName(name);
        CheckVectors(name, weight, bias);
        var inputs = new[] { x, Initializer(name + ".weight", weight), Initializer(name + ".bias", bias) };
        return AddNode("InstanceNormalization", name, inputs, new[] { OnnxProto.Float("epsilon", (float)eps) });
    }

    /// <summary>
    /// GroupNorm(G, C) with shapes that ONNX shape inference follows (no Shape op, no data propagation needed): the
    /// statistics are computed on x viewed as [N, G, C/G*H*W] (biased variance, as PyTorch), broadcast back to
    /// [N, C, 1, 1] by Expand and Reshape, and applied to x itself, so the output keeps x's shape. The affine
    /// parameters are the initializers "{name}.weight" and "{name}.bias" (vectors, reshaped to [C, 1, 1] in the graph).
    /// </summary>
    public string GroupNormalization(string x, long groups, OnnxTensorData weight, OnnxTensorData bias, double eps, string name)
    {
        RequireRank(x, 4, "GroupNormalization");
        CheckModuleName(name);
        CheckVectors(name, weight, bias);
        long channels = weight.Dim(0);
        if (groups < 1 || channels % groups != 0)
            throw new ArgumentException($"GroupNorm '{name}': {groups} groups do not divide {channels} channels", nameof(groups));
        ScalarType type = _values[Resolve(x, nameof(x))].Type;
        var none = Array.Empty<AttributeProto>();
        AttributeProto[] lastAxis = { OnnxProto.Ints("axes", 2), OnnxProto.Int("keepdims", 1) };

        string grouped = AddNode("Reshape", name + "/grouped", new[] { x, ConstantInt64(0, groups, -1) }, none, new ValueMeta(type, 3));
        string mean = AddNode("ReduceMean", name + "/mean", new[] { grouped }, lastAxis);
        string centred = AddNode("Sub", name + "/centred", new[] { grouped, mean }, none);
        string variance = AddNode("ReduceMean", name + "/variance", new[] { AddNode("Mul", name + "/squared", new[] { centred, centred }, none) }, lastAxis);
        string std = AddNode("Sqrt", name + "/std", new[] { AddNode("Add", name + "/variance_eps", new[] { variance, ConstantFloat32((float)eps) }, none) }, none);

        // [N, G, 1] -> [N, G, 1, 1] -> [N, G, C/G, 1] -> [N, C, 1, 1]: each group's value for each of its channels.
        string PerChannel(string perGroup, string stem)
        {
            string four = AddNode("Reshape", stem + "/groups", new[] { perGroup, ConstantInt64(0, groups, 1, 1) }, none, new ValueMeta(type, 4));
            string spread = AddNode("Expand", stem + "/spread", new[] { four, ConstantInt64(1, groups, channels / groups, 1) }, none);
            return AddNode("Reshape", stem + "/channels", new[] { spread, ConstantInt64(0, channels, 1, 1) }, none, new ValueMeta(type, 4));
        }

        string normalised = AddNode("Div", name + "/normalised",
            new[] { AddNode("Sub", name + "/shifted", new[] { x, PerChannel(mean, name + "/mean") }, none), PerChannel(std, name + "/std") }, none);
        string perChannel = ConstantInt64(-1, 1, 1);
        string scale = AddNode("Reshape", name + ".weight/per_channel", new[] { Initializer(name + ".weight", weight), perChannel }, none, new ValueMeta(weight.DType, 3));
        string shift = AddNode("Reshape", name + ".bias/per_channel", new[] { Initializer(name + ".bias", bias), perChannel }, none, new ValueMeta(bias.DType, 3));
        return AddNode("Add", name, new[] { AddNode("Mul", name + "/scaled", new[] { normalised, scale }, none), shift }, none);
    }

    private static void CheckVectors(string name, OnnxTensorData weight, OnnxTensorData bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        if (weight.Rank != 1 || bias.Rank != 1 || weight.Dim(0) != bias.Dim(0))
            throw new ArgumentException($"norm '{name}': weight and bias must be vectors of one length");
    }
}
