using System;

namespace Segment.Runtime;

/// <summary>
/// Raw little-endian element bytes in and out of TorchSharp tensors: what checkpoints, .npy files
/// and ONNX initializers store.
/// </summary>
public static class TensorBytes
{
    /// <summary>A new CPU tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/> (row-major elements).</summary>
    /// <exception cref="ArgumentException">The byte count is not shape x element size.</exception>
    public static Tensor FromRaw(ReadOnlySpan<byte> data, ScalarType dtype, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (long d in shape)
            count = checked(count * d);
        long size = checked(count * dtype.ElementSize());
        if (size != data.Length)
            throw new ArgumentException($"{FormatShape(shape)} of {dtype.TorchName()} needs {size} bytes, got {data.Length}", nameof(data));
        Tensor t = torch.empty(shape, dtype);
        if (size > 0)
            data.CopyTo(t.bytes);
        return t;
    }

    /// <summary>A copy of the tensor's elements in row-major order, from any device and any layout.</summary>
    public static byte[] ToRawBytes(this Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.numel() == 0)
            return [];
        // cpu()/contiguous() hand back the tensor itself when nothing changes: only dispose what is new.
        Tensor cpu = tensor.device_type == DeviceType.CPU ? tensor : tensor.cpu();
        Tensor dense = cpu.is_contiguous() ? cpu : cpu.contiguous();
        try
        {
            return dense.bytes.ToArray();
        }
        finally
        {
            if (!ReferenceEquals(dense, cpu))
                dense.Dispose();
            if (!ReferenceEquals(cpu, tensor))
                cpu.Dispose();
        }
    }

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType dtype) => dtype switch
    {
        ScalarType.Bool or ScalarType.Byte or ScalarType.Int8 => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
        ScalarType.ComplexFloat64 => 16,
        _ => throw new NotSupportedException($"dtype {dtype} has no fixed element size"),
    };

    /// <summary>The dtype as PyTorch prints it: torch.float32, torch.int64, torch.uint8, ...</summary>
    public static string TorchName(this ScalarType dtype) => "torch." + dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Int16 => "int16",
        ScalarType.Int8 => "int8",
        ScalarType.Byte => "uint8",
        ScalarType.Bool => "bool",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    /// <summary>A shape as PyTorch prints it: [1, 3, 320, 320].</summary>
    public static string FormatShape(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
