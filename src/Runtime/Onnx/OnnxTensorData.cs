using System;
using System.Buffers.Binary;
using System.Linq;

namespace Segment.Runtime.Onnx;

/// <summary>
/// A tensor's value as the exporter stores it: element type, shape and little-endian row-major
/// bytes. Weights reach the builder as a <see cref="Tensor"/> (converted implicitly, see
/// OnnxTensorData.Torch.cs) or, without tensors, through <see cref="FromFloats"/>.
/// The bytes are copied once, so later changes to the source do not leak into a model.
/// </summary>
public sealed partial class OnnxTensorData
{
    private readonly byte[] _raw;
    private readonly long[] _shape;

    private OnnxTensorData(ScalarType dtype, long[] shape, byte[] raw)
    {
        foreach (long d in shape)
            if (d < 0)
                throw new ArgumentException($"tensor shape [{string.Join(", ", shape)}] has a negative dimension", nameof(shape));
        long numel = shape.Aggregate(1L, (a, b) => a * b);
        if (numel * ElementSize(dtype) != raw.LongLength)
            throw new ArgumentException(
                $"{raw.LongLength} bytes of {dtype} do not fill shape [{string.Join(", ", shape)}] ({numel} elements)", nameof(raw));
        DType = dtype;
        _shape = (long[])shape.Clone();
        _raw = raw;
    }

    public ScalarType DType { get; }

    /// <summary>A copy of the shape.</summary>
    public long[] Shape => (long[])_shape.Clone();

    public int Rank => _shape.Length;

    public long NumElements => _shape.Aggregate(1L, (a, b) => a * b);

    internal ReadOnlyMemory<byte> RawBytes => _raw;

    internal long Dim(int i) => _shape[i];

    /// <summary>Float32 data in row-major order with the given shape (a scalar when no shape is given).</summary>
    public static OnnxTensorData FromFloats(float[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var raw = new byte[checked(data.Length * 4)];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), data[i]);
        return new OnnxTensorData(ScalarType.Float32, shape, raw);
    }

    /// <summary>Int64 data in row-major order with the given shape (a scalar when no shape is given).</summary>
    public static OnnxTensorData FromInt64s(long[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var raw = new byte[checked(data.Length * 8)];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), data[i]);
        return new OnnxTensorData(ScalarType.Int64, shape, raw);
    }

    /// <summary>Raw little-endian element bytes (copied) of any supported type.</summary>
    public static OnnxTensorData FromRawBytes(ReadOnlySpan<byte> bytes, ScalarType dtype, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new OnnxTensorData(dtype, shape, bytes.ToArray());
    }

    /// <summary>The values widened to double: what BN folding computes in. Floating-point types only.</summary>
    internal double[] ToDoubles()
    {
        var result = new double[NumElements];
        switch (DType)
        {
            case ScalarType.Float32:
                for (int i = 0; i < result.Length; i++)
                    result[i] = BinaryPrimitives.ReadSingleLittleEndian(_raw.AsSpan(i * 4));
                break;
            case ScalarType.Float16:
                for (int i = 0; i < result.Length; i++)
                    result[i] = (double)BinaryPrimitives.ReadHalfLittleEndian(_raw.AsSpan(i * 2));
                break;
            case ScalarType.Float64:
                for (int i = 0; i < result.Length; i++)
                    result[i] = BinaryPrimitives.ReadDoubleLittleEndian(_raw.AsSpan(i * 8));
                break;
            default:
                throw new NotSupportedException($"expected a floating-point tensor, got {DType}");
        }
        return result;
    }

    /// <summary>Doubles narrowed back to <paramref name="dtype"/> (a floating-point type), round to nearest.</summary>
    internal static OnnxTensorData FromDoubles(double[] values, ScalarType dtype, long[] shape)
    {
        switch (dtype)
        {
            case ScalarType.Float32:
                return FromFloats(values.Select(v => (float)v).ToArray(), shape);
            case ScalarType.Float16:
                var raw = new byte[values.Length * 2];
                for (int i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(i * 2), (Half)values[i]);
                return new OnnxTensorData(dtype, shape, raw);
            case ScalarType.Float64:
                var raw64 = new byte[values.Length * 8];
                for (int i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteDoubleLittleEndian(raw64.AsSpan(i * 8), values[i]);
                return new OnnxTensorData(dtype, shape, raw64);
            default:
                throw new NotSupportedException($"expected a floating-point type, got {dtype}");
        }
    }

    // Same table as the runtime's ScalarType.ElementSize(); restated so this file also stands alone.
    internal static int ElementSize(ScalarType t) => t switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.Int16 => 2,
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        _ => throw new NotSupportedException($"ONNX export does not handle {t}"),
    };

    public override string ToString() => $"{DType}[{string.Join(", ", _shape)}]";
}
