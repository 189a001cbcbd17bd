using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// Small int64 shape computations (Shape -> Slice -> Concat) that let Resize and Pad follow sizes
// known only at run time, and content-named constants that hold their fixed operands.
public sealed partial class OnnxGraphBuilder
{
    private static readonly ValueMeta ShapeMeta = new(ScalarType.Int64, 1);

    // value -> its Shape / its [N, C] / its [H, W]: each computed once however often it is needed.
    private readonly Dictionary<string, string> _shapeOf = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int, int), string> _shapeSlices = new();

    /// <summary>Slice [start, end) of <paramref name="x"/>'s shape: an int64 vector.</summary>
    private string ShapeSlice(string x, int start, int end)
    {
        string source = Resolve(x, nameof(x));
        if (_shapeSlices.TryGetValue((source, start, end), out string? cached))
            return cached;
        string shape = ShapeOf(source);
        // Opset 11's Slice takes starts/ends/axes as inputs; Shape's own start/end attributes only exist from opset 15.
        string slice = AddNode("Slice", $"{source}/shape[{start}:{end}]",
            new[] { shape, ConstantInt64(start), ConstantInt64(end), ConstantInt64(0) },
            Array.Empty<AttributeProto>(), ShapeMeta);
        _shapeSlices[(source, start, end)] = slice;
        return slice;
    }

    /// <summary><paramref name="x"/>'s whole shape: an int64 vector, one Shape node per value.</summary>
    private string ShapeOf(string x)
    {
        string source = Resolve(x, nameof(x));
        if (!_shapeOf.TryGetValue(source, out string? shape))
        {
            shape = AddNode("Shape", source + "/shape", new[] { source }, Array.Empty<AttributeProto>(), ShapeMeta);
            _shapeOf[source] = shape;
        }
        return shape;
    }

    private string ShapeOp(string opType, string name, IReadOnlyList<string> inputs, params AttributeProto[] attributes) =>
        AddNode(opType, name, inputs, attributes, ShapeMeta);

    /// <summary>A 1-D int64 constant named after its content, shared by every op that needs it.</summary>
    private string ConstantInt64(params long[] values) =>
        Constant("const_i64_" + (values.Length == 0 ? "empty" : string.Join("_", values.Select(v => v < 0 ? "m" + (-v) : v.ToString(CultureInfo.InvariantCulture)))),
            () => OnnxTensorData.FromInt64s(values, values.Length));

    /// <summary>A 1-D float constant named after its content ("const_f32_empty" for the empty one).</summary>
    private string ConstantFloat32(params float[] values) =>
        Constant("const_f32_" + (values.Length == 0 ? "empty" : string.Join("_", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))),
            () => OnnxTensorData.FromFloats(values, values.Length));

    /// <summary>A float32 scalar (shape []) constant, for Pad's constant_value.</summary>
    private string ScalarFloat32(float value) =>
        Constant("const_f32_scalar_" + value.ToString("R", CultureInfo.InvariantCulture),
            () => OnnxTensorData.FromFloats(new[] { value }));

    private string Constant(string name, Func<OnnxTensorData> make)
    {
        if (_initializers.Contains(name))
            return name;
        return Initializer(name, make());
    }

    private int? RankOf(string x) => _values[Resolve(x, nameof(x))].Rank;

    private void RequireRank(string x, int rank, string op)
    {
        if (RankOf(x) is int r && r != rank)
            throw new ArgumentException($"{op} expects a rank-{rank} (NCHW) tensor, but '{x}' has rank {r}", nameof(x));
    }
}
