using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// Ops without weights: activations, pooling, joins. `name` is optional everywhere here; left out,
// nodes are named after their op ("Relu", "Relu_1", ...), which is deterministic because names are
// handed out in call order.
public sealed partial class OnnxGraphBuilder
{
    public string Relu(string x, string? name = null) => AddNode("Relu", name, new[] { x }, Array.Empty<AttributeProto>());

    public string Sigmoid(string x, string? name = null) => AddNode("Sigmoid", name, new[] { x }, Array.Empty<AttributeProto>());

    /// <summary>Element-wise a + b (numpy broadcasting).</summary>
    public string Add(string a, string b, string? name = null) => AddNode("Add", name, new[] { a, b }, Array.Empty<AttributeProto>());

    /// <summary>torch.cat(inputs, dim: axis).</summary>
    public string Concat(IReadOnlyList<string> inputs, int axis, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("Concat needs at least one input", nameof(inputs));
        return AddNode("Concat", name, inputs, new[] { OnnxProto.Int("axis", axis) });
    }

    /// <summary>
    /// F.softmax(x, dim: axis). Before opset 13 ONNX's Softmax flattens every axis from
    /// <paramref name="axis"/> on into one, which is not PyTorch's softmax over one axis unless it is
    /// the last; there the axis is moved last with Transpose, softmaxed, and moved back.
    /// </summary>
    public string Softmax(string x, int axis, string? name = null)
    {
        string source = Resolve(x, nameof(x));
        if (Opset >= 13)
            return AddNode("Softmax", name, new[] { source }, new[] { OnnxProto.Int("axis", axis) });
        int rank = _values[source].Rank
            ?? throw new InvalidOperationException($"Softmax before opset 13 needs the rank of '{x}', which is unknown");
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis out of range for rank {rank}");
        if (a == rank - 1)
            return AddNode("Softmax", name, new[] { source }, new[] { OnnxProto.Int("axis", a) });
        long[] perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        (perm[a], perm[rank - 1]) = (perm[rank - 1], perm[a]);   // a swap is its own inverse
        string stem = name ?? "Softmax";
        string moved = AddNode("Transpose", stem + "/to_last", new[] { source }, new[] { OnnxProto.Ints("perm", perm) });
        string soft = AddNode("Softmax", stem + "/softmax", new[] { moved }, new[] { OnnxProto.Int("axis", rank - 1) });
        return AddNode("Transpose", name ?? "Softmax/back", new[] { soft }, new[] { OnnxProto.Ints("perm", perm) });
    }

    /// <summary>
    /// F.max_pool2d. <paramref name="stride"/> defaults to the kernel, as in PyTorch. With
    /// <paramref name="ceilMode"/> odd sizes round up (5 -> 3 for kernel 2, stride 2), matching
    /// PyTorch whenever padding is 0, the only case the networks use.
    /// </summary>
    public string MaxPool(string x, (long H, long W) kernel, (long H, long W)? stride = null,
        (long H, long W)? padding = null, (long H, long W)? dilation = null, bool ceilMode = false, string? name = null)
    {
        (long kh, long kw) = kernel;
        if (kh < 1 || kw < 1)
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "MaxPool kernel must be >= 1");
        (long sh, long sw) = stride ?? kernel;
        (long ph, long pw) = padding ?? (0, 0);
        (long dh, long dw) = dilation ?? (1, 1);
        var attributes = new List<AttributeProto>
        {
            OnnxProto.Int("ceil_mode", ceilMode ? 1 : 0),
            OnnxProto.Ints("kernel_shape", kh, kw),
            OnnxProto.Ints("pads", ph, pw, ph, pw),
            OnnxProto.Ints("strides", sh, sw),
        };
        // Only written when used: dilations on MaxPool are newer and rarer in runtimes than the rest.
        if (dh != 1 || dw != 1)
            attributes.Insert(1, OnnxProto.Ints("dilations", dh, dw));
        return AddNode("MaxPool", name, new[] { x }, attributes);
    }
}
