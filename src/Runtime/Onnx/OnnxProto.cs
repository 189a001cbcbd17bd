using System;
using System.Collections.Generic;
using System.Text;
using Google.Protobuf;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

/// <summary>Builds the protobuf messages; the only place that knows their field-level details.</summary>
internal static class OnnxProto
{
    public static int DataType(ScalarType t) => (int)(t switch
    {
        ScalarType.Float32 => TensorProto.Types.DataType.Float,
        ScalarType.Float16 => TensorProto.Types.DataType.Float16,
        ScalarType.Float64 => TensorProto.Types.DataType.Double,
        ScalarType.Int64 => TensorProto.Types.DataType.Int64,
        ScalarType.Int32 => TensorProto.Types.DataType.Int32,
        ScalarType.Int16 => TensorProto.Types.DataType.Int16,
        ScalarType.Int8 => TensorProto.Types.DataType.Int8,
        ScalarType.Byte => TensorProto.Types.DataType.Uint8,
        ScalarType.Bool => TensorProto.Types.DataType.Bool,
        _ => throw new NotSupportedException($"ONNX export does not handle {t}"),
    });

    /// <summary>An initializer: raw_data always, the compact form every reader supports.</summary>
    public static TensorProto Tensor(string name, OnnxTensorData data)
    {
        var t = new TensorProto { Name = name, DataType = DataType(data.DType) };
        t.Dims.AddRange(data.Shape);
        // No copy: OnnxTensorData's buffer is private and never written after construction, and
        // a full U2Net's weights are ~176 MB.
        t.RawData = UnsafeByteOperations.UnsafeWrap(data.RawBytes);
        return t;
    }

    public static ValueInfoProto ValueInfo(string name, ScalarType type, IReadOnlyList<OnnxDim>? shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = DataType(type) };
        if (shape is not null)
        {
            // An absent shape means "unknown rank"; an empty TensorShapeProto means a scalar.
            var s = new TensorShapeProto();
            foreach (OnnxDim d in shape)
                s.Dim.Add(d.IsSymbolic
                    ? new TensorShapeProto.Types.Dimension { DimParam = d.Param }
                    : new TensorShapeProto.Types.Dimension { DimValue = d.Value!.Value });
            tensor.Shape = s;
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    /// <summary>
    /// A value of known rank whose dims are all unknown (Dimension messages with neither field set):
    /// the checker requires graph outputs to carry a shape, and this one claims nothing false.
    /// </summary>
    public static ValueInfoProto ValueInfoOfRank(string name, ScalarType type, int rank)
    {
        var info = ValueInfo(name, type, Array.Empty<OnnxDim>());
        for (int i = 0; i < rank; i++)
            info.Type.TensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension());
        return info;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFrom(value, Encoding.UTF8) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }
}
