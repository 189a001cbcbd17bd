using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx.Quantization;

/// <summary>
/// Rewrites an exported fp32 model (BatchNorm already folded into its convolutions) into ONNX's QDQ form, which
/// ONNX Runtime runs with its int8 kernels (each DequantizeLinear -> Conv -> QuantizeLinear group becomes one
/// QLinearConv):
/// <list type="bullet">
/// <item>every Conv's weight is int8, symmetric per output channel (scale max|w| / 127, zero point 0), behind a
/// DequantizeLinear on axis 0; its bias is int32 with scale = input scale x weight scale, as QLinearConv wants;</item>
/// <item>every Conv's input and output is uint8, asymmetric per tensor, from the calibration range
/// (<see cref="ActivationRange.Uint8"/>), as QuantizeLinear -> DequantizeLinear right after the value is produced,
/// every consumer reading the dequantized value. A Conv followed only by a Relu is quantized after the Relu (zero
/// point 0, so ONNX Runtime drops the Relu into the QLinearConv).</item>
/// <item>An Add of two quantized values is quantized from its own calibration range (QLinearAdd); MaxPool and Resize
/// outputs take their input's scale and zero point (they never leave its range), so ONNX Runtime runs them on uint8
/// and a Concat of quantized values becomes QLinearConcat.</item>
/// </list>
/// Everything else (the sigmoid, normalisations other than folded BatchNorm) stays fp32 between the dequantized values. Graph
/// outputs keep their fp32 values. Needs opset 13 or later (DequantizeLinear's axis).
/// </summary>
public static class QdqQuantizer
{
    /// <summary>The opset the QDQ form needs: per-channel DequantizeLinear (axis) came with opset 13.</summary>
    public const int MinimumOpset = 13;

    /// <summary>The values to calibrate in <paramref name="model"/>: each Conv's input and its (Relu'd) output.</summary>
    public static IReadOnlyList<string> TensorsToCalibrate(byte[] model)
    {
        QuantizationPlan plan = Plan(ModelProto.Parser.ParseFrom(model));
        return plan.Points.Where(p => !plan.Ties.ContainsKey(p)).ToList();
    }

    /// <summary><paramref name="model"/> with <paramref name="names"/> added as fp32 graph outputs, for calibration runs.</summary>
    public static byte[] WithOutputs(byte[] model, IEnumerable<string> names)
    {
        ModelProto m = ModelProto.Parser.ParseFrom(model);
        var declared = new HashSet<string>(m.Graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        foreach (string name in names)
            if (declared.Add(name))
                m.Graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } } });
        return m.ToByteArray();
    }

    /// <summary>The QDQ model; <paramref name="ranges"/> must hold every value of <see cref="TensorsToCalibrate"/>.</summary>
    /// <exception cref="ArgumentException">The model's opset is below 13, or a range is missing.</exception>
    public static QuantizedModel Quantize(byte[] model, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ranges);
        ModelProto m = ModelProto.Parser.ParseFrom(model);
        long opset = m.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset < MinimumOpset)
            throw new ArgumentException($"the model is opset {opset}; int8 quantization needs opset {MinimumOpset} or later (per-channel DequantizeLinear): export with --opset {MinimumOpset}");
        GraphProto g = m.Graph;
        QuantizationPlan plan = Plan(m);
        foreach (string point in plan.Points)
            if (!plan.Ties.ContainsKey(point) && !ranges.ContainsKey(point))
                throw new ArgumentException($"no calibration range for '{point}'");

        var initializers = g.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var added = new List<TensorProto>();
        string Add(TensorProto t)
        {
            added.Add(t);
            return t.Name;
        }
        var removed = new HashSet<string>(StringComparer.Ordinal);
        // Each calibrated value gets QuantizeLinear -> DequantizeLinear right after its producer; consumers read the DQ.
        var scales = new Dictionary<string, float>(StringComparer.Ordinal);
        var after = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);   // producer's output -> nodes to insert after it
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string point in plan.Points)
        {
            (float scale, byte zero) = ranges[plan.Ties.TryGetValue(point, out string? source) ? source : point].Uint8();
            scales[point] = scale;
            string s = Add(Scalar(point + "_scale", scale)), z = Add(ScalarUint8(point + "_zero_point", zero));
            var nodes = new List<NodeProto>
            {
                Node("QuantizeLinear", point + "_QuantizeLinear", [point, s, z], point + "_quantized"),
                Node("DequantizeLinear", point + "_DequantizeLinear", [point + "_quantized", s, z], point + "_dequantized"),
            };
            after[point] = nodes;
            rename[point] = point + "_dequantized";
        }

        foreach (NodeProto conv in plan.Convs)
        {
            string x = conv.Input[0];
            TensorProto w = initializers[conv.Input[1]];
            (TensorProto wq, TensorProto ws, TensorProto wz, float[] weightScales) = PerChannelInt8(w);
            removed.Add(w.Name);
            added.AddRange([wq, ws, wz]);
            var weightDq = Node("DequantizeLinear", w.Name + "_DequantizeLinear", [wq.Name, ws.Name, wz.Name], w.Name + "_dequantized", axis: 0);
            var before = new List<NodeProto> { weightDq };
            conv.Input[1] = weightDq.Output[0];
            if (conv.Input.Count > 2 && conv.Input[2].Length > 0)
            {
                TensorProto b = initializers[conv.Input[2]];
                (TensorProto bq, TensorProto bs, TensorProto bz) = Int32Bias(b, scales[x], weightScales);
                removed.Add(b.Name);
                added.AddRange([bq, bs, bz]);
                var biasDq = Node("DequantizeLinear", b.Name + "_DequantizeLinear", [bq.Name, bs.Name, bz.Name], b.Name + "_dequantized", axis: 0);
                before.Add(biasDq);
                conv.Input[2] = biasDq.Output[0];
            }
            plan.Before[conv] = before;
        }

        // Rebuild the node list in order: a calibrated graph input's Q/DQ first, then each node preceded by its weights'
        // DequantizeLinear and followed by its outputs' Q/DQ; every consumer of a calibrated value reads the dequantized one.
        var nodesOut = new List<NodeProto>();
        foreach (ValueInfoProto input in g.Input)
            if (after.TryGetValue(input.Name, out var qdq))
                nodesOut.AddRange(qdq);
        foreach (NodeProto node in g.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
                if (rename.TryGetValue(node.Input[i], out string? dq))
                    node.Input[i] = dq;
            if (plan.Before.TryGetValue(node, out var weightNodes))
                nodesOut.AddRange(weightNodes);
            nodesOut.Add(node);
            foreach (string output in node.Output)
                if (after.TryGetValue(output, out var qdq))
                    nodesOut.AddRange(qdq);
        }
        g.Node.Clear();
        g.Node.AddRange(nodesOut);
        var kept = g.Initializer.Where(t => !removed.Contains(t.Name)).ToList();
        g.Initializer.Clear();
        g.Initializer.AddRange(kept);
        g.Initializer.AddRange(added);
        return new QuantizedModel(m.ToByteArray(), plan.Convs.Count, plan.Points.Count);
    }

    /// <summary>What <see cref="Quantize"/> touches: the convolutions with constant weights, and the values to calibrate.</summary>
    private sealed record QuantizationPlan(List<NodeProto> Convs, List<string> Points, Dictionary<string, string> Ties)
    {
        public Dictionary<NodeProto, List<NodeProto>> Before { get; } = new(ReferenceEqualityComparer.Instance);
    }

    private static QuantizationPlan Plan(ModelProto m)
    {
        GraphProto g = m.Graph;
        var initializers = new HashSet<string>(g.Initializer.Select(t => t.Name), StringComparer.Ordinal);
        var outputs = new HashSet<string>(g.Output.Select(o => o.Name), StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (NodeProto node in g.Node)
            foreach (string input in node.Input)
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(node);
        var convs = g.Node.Where(n => n.OpType == "Conv" && n.Input.Count >= 2 && initializers.Contains(n.Input[1])
                                      && (n.Input.Count < 3 || n.Input[2].Length == 0 || initializers.Contains(n.Input[2]))).ToList();
        var points = new List<string>();
        void Add(string value)
        {
            if (!points.Contains(value))
                points.Add(value);
        }
        foreach (NodeProto conv in convs)
        {
            Add(conv.Input[0]);
            string y = conv.Output[0];
            // Conv -> Relu alone: quantize after the Relu (its range starts at 0), which ONNX Runtime folds into QLinearConv.
            bool reluOnly = !outputs.Contains(y) && consumers.TryGetValue(y, out var users) && users.Count == 1 && users[0].OpType == "Relu";
            Add(reluOnly ? consumers[y][0].Output[0] : y);
        }
        // Max pooling and resizing never leave their input's range: their output takes the input's scale and zero point,
        // so ONNX Runtime runs them on uint8 (the Q/DQ pair around them cancels) and a Concat of such values sees
        // dequantized inputs only. In graph order, so a pooled value resized again follows its source.
        var ties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (NodeProto node in g.Node)
        {
            // An Add of two quantized values (an RSU's residual) is quantized too, which ONNX Runtime runs as QLinearAdd.
            if (node.OpType == "Add" && node.Input.Count == 2 && node.Input.All(points.Contains) && !outputs.Contains(node.Output[0]))
            {
                Add(node.Output[0]);
                continue;
            }
            if (node.OpType is not ("MaxPool" or "Resize") || node.Output.Count != 1 || !points.Contains(node.Input[0]) || outputs.Contains(node.Output[0]))
                continue;
            // Also when the output is a Conv's input already: the input's range holds it.
            Add(node.Output[0]);
            ties[node.Output[0]] = ties.TryGetValue(node.Input[0], out string? root) ? root : node.Input[0];
        }
        return new QuantizationPlan(convs, points, ties);
    }

    private static (TensorProto Values, TensorProto Scales, TensorProto ZeroPoints, float[] ScaleValues) PerChannelInt8(TensorProto w)
    {
        float[] values = Floats(w);
        long outChannels = w.Dims[0];
        int per = (int)(values.Length / outChannels);
        var q = new sbyte[values.Length];
        var scales = new float[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            float max = 0f;
            for (int i = 0; i < per; i++)
                max = Math.Max(max, Math.Abs(values[o * per + i]));
            float scale = max > 0f ? max / 127f : 1f;
            scales[o] = scale;
            for (int i = 0; i < per; i++)
                q[o * per + i] = (sbyte)Math.Clamp(Math.Round(values[o * per + i] / scale), -127, 127);
        }
        TensorProto quantized = Raw(w.Name + "_quantized", TensorProto.Types.DataType.Int8, (byte[])(Array)q, [.. w.Dims]);
        TensorProto zeros = Raw(w.Name + "_zero_point", TensorProto.Types.DataType.Int8, new byte[outChannels], outChannels);
        return (quantized, Raw(w.Name + "_scale", TensorProto.Types.DataType.Float, Bytes<float>(scales), outChannels), zeros, scales);
    }

    private static (TensorProto Values, TensorProto Scales, TensorProto ZeroPoints) Int32Bias(TensorProto b, float inputScale, float[] weightScales)
    {
        float[] values = Floats(b);
        var q = new int[values.Length];
        var scales = new float[values.Length];
        for (int o = 0; o < values.Length; o++)
        {
            scales[o] = inputScale * weightScales[o];
            q[o] = (int)Math.Clamp(Math.Round(values[o] / scales[o]), int.MinValue, int.MaxValue);
        }
        TensorProto quantized = Raw(b.Name + "_quantized", TensorProto.Types.DataType.Int32, Bytes<int>(q), values.Length);
        TensorProto zeros = Raw(b.Name + "_zero_point", TensorProto.Types.DataType.Int32, new byte[4 * values.Length], values.Length);
        return (quantized, Raw(b.Name + "_scale", TensorProto.Types.DataType.Float, Bytes<float>(scales), values.Length), zeros);
    }

    private static float[] Floats(TensorProto t)
    {
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new ArgumentException($"initializer '{t.Name}' is not float32");
        return t.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray()
            : t.FloatData.ToArray();
    }

    private static TensorProto Scalar(string name, float value) => Raw(name, TensorProto.Types.DataType.Float, BitConverter.GetBytes(value));

    private static TensorProto ScalarUint8(string name, byte value) => Raw(name, TensorProto.Types.DataType.Uint8, [value]);

    /// <summary>An initializer of <paramref name="dims"/> (none: a scalar) holding <paramref name="bytes"/> as raw_data.</summary>
    private static TensorProto Raw(string name, TensorProto.Types.DataType type, byte[] bytes, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        return t;
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static NodeProto Node(string op, string name, string[] inputs, string output, long? axis = null)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (axis is long a)
            node.Attribute.Add(OnnxProto.Int("axis", a));
        return node;
    }
}

/// <summary>A QDQ model's bytes and what was quantized.</summary>
public sealed record QuantizedModel(byte[] Bytes, int Convolutions, int Activations);
