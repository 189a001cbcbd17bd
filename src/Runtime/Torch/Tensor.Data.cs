using System;
using System.Runtime.InteropServices;

namespace Segment.Runtime;

// Copies between tensors and .NET memory.
public sealed partial class Tensor
{
    /// <summary>Creates a tensor by copying <paramref name="bytes"/> (contiguous little-endian elements).</summary>
    internal static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, ScalarType dtype, ReadOnlySpan<long> shape, Device device)
    {
        device.EnsureAvailable();
        IntPtr r;
        int rc;
        fixed (byte* d = bytes)
        fixed (long* s = shape)
            rc = NativeMethods.seg_from_bytes(d, bytes.Length, s, shape.Length, (int)dtype, (int)device.Type, device.Index, out r);
        if (rc != 0)
            throw new TorchException($"tensor(shape {Native.FormatShape(shape.ToArray())}, {dtype.TorchName()}): {Native.LastError()}");
        return new Tensor(r);
    }

    internal static Tensor FromSpan<T>(ReadOnlySpan<T> data, ScalarType dtype, ReadOnlySpan<long> shape, Device device) where T : unmanaged
        => FromBytes(MemoryMarshal.AsBytes(data), dtype, shape, device);

    /// <summary>Copies the elements (any device, any layout) into <paramref name="destination"/> as contiguous bytes.</summary>
    public unsafe void CopyTo(Span<byte> destination)
    {
        int rc;
        fixed (byte* d = destination)
            rc = NativeMethods.seg_to_bytes(Handle, d, destination.Length);
        Native.Check(rc, "copy to host", "tensor", this);
    }

    private T[] ToArray<T>(ScalarType expected, string method) where T : unmanaged
    {
        ScalarType actual = dtype;
        if (actual != expected)
            throw new InvalidOperationException($"{method} needs a {expected.TorchName()} tensor, this one is {actual.TorchName()}; convert with .to(ScalarType.{expected}) first");
        var result = new T[checked((int)numel)];
        CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    public float[] ToFloatArray() => ToArray<float>(ScalarType.Float32, nameof(ToFloatArray));
    public double[] ToDoubleArray() => ToArray<double>(ScalarType.Float64, nameof(ToDoubleArray));
    public long[] ToInt64Array() => ToArray<long>(ScalarType.Int64, nameof(ToInt64Array));
    public int[] ToInt32Array() => ToArray<int>(ScalarType.Int32, nameof(ToInt32Array));
    public byte[] ToByteArray() => ToArray<byte>(ScalarType.UInt8, nameof(ToByteArray));
    public Half[] ToHalfArray() => ToArray<Half>(ScalarType.Float16, nameof(ToHalfArray));

    public bool[] ToBoolArray()
    {
        // bool storage is one byte per element, 0 or 1, the same as .NET's bool.
        return ToArray<bool>(ScalarType.Bool, nameof(ToBoolArray));
    }

    /// <summary>The contiguous little-endian storage bytes of the elements, whatever the dtype.</summary>
    public byte[] ToRawBytes()
    {
        var result = new byte[checked((int)(numel * dtype.ElementSize()))];
        CopyTo(result);
        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double item()
    {
        int rc = NativeMethods.seg_item(Handle, out double v);
        Native.Check(rc, "item", "input", this);
        return v;
    }

    public T item<T>() where T : struct => (T)Convert.ChangeType(item(), typeof(T), System.Globalization.CultureInfo.InvariantCulture);
}
