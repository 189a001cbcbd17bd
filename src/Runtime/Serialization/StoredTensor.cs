using System;
using System.IO;
using System.Linq;

namespace Segment.Runtime.Serialization;

/// <summary>
/// A tensor as a checkpoint describes it: a strided view (shape, strides, offset, all in
/// elements) into a <see cref="StoredStorage"/>. This neutral record sits between the pickle
/// layer and the tensor runtime so parsing can be tested without libtorch.
/// </summary>
public sealed class StoredTensor
{
    /// <summary>Checks the view fits in its storage; throws <see cref="InvalidDataException"/> (no path: the reader adds it) if not.</summary>
    public StoredTensor(StoredStorage storage, long storageOffset, long[] shape, long[] strides)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(strides);
        if (shape.Length != strides.Length)
            throw new InvalidDataException($"tensor on storage '{storage.Key}' has size {Format(shape)} but stride {Format(strides)} of a different rank");
        if (shape.Any(s => s < 0) || strides.Any(s => s < 0) || storageOffset < 0)
            throw new InvalidDataException($"tensor on storage '{storage.Key}' has a negative size, stride or offset (size {Format(shape)}, stride {Format(strides)}, offset {storageOffset})");
        Storage = storage;
        StorageOffset = storageOffset;
        Shape = (long[])shape.Clone();
        Strides = (long[])strides.Clone();
        try
        {
            Numel = checked(shape.Aggregate(1L, (a, b) => a * b));
            if (Numel > 0)
            {
                // The last element a view touches must lie inside the storage, else reading would run past it.
                long last = storageOffset;
                for (int i = 0; i < shape.Length; i++)
                    last = checked(last + (shape[i] - 1) * strides[i]);
                if (last >= storage.Numel)
                    throw new InvalidDataException(
                        $"tensor of size {Format(shape)}, stride {Format(strides)}, offset {storageOffset} needs element {last} but storage '{storage.Key}' has {storage.Numel} elements");
            }
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"tensor on storage '{storage.Key}' has a size/stride that overflows (size {Format(shape)}, stride {Format(strides)})", e);
        }
    }

    /// <summary>A contiguous tensor owning a fresh storage, as the writer stores it.</summary>
    public static StoredTensor Contiguous(string storageKey, CheckpointDType dtype, long[] shape, ReadOnlyMemory<byte> bytes)
    {
        long numel = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (bytes.Length != numel * dtype.ElementSize())
            throw new ArgumentException($"{bytes.Length} bytes given for a {dtype} tensor of size {Format(shape)} ({numel * dtype.ElementSize()} expected)", nameof(bytes));
        return new StoredTensor(new StoredStorage(storageKey, dtype, numel, bytes), 0, shape, ContiguousStrides(shape));
    }

    public StoredStorage Storage { get; }

    public CheckpointDType DType => Storage.DType;

    public long StorageOffset { get; }

    public long[] Shape { get; }

    public long[] Strides { get; }

    public long Numel { get; }

    /// <summary>Row-major strides; size-1 and empty dimensions get the stride PyTorch gives them.</summary>
    public static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long step = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>True if the elements are row-major and adjacent (strides of size-1 dimensions do not matter).</summary>
    public bool IsContiguous
    {
        get
        {
            long expected = 1;
            for (int i = Shape.Length - 1; i >= 0; i--)
            {
                if (Shape[i] == 1)
                    continue;
                if (Shape[i] == 0)
                    return true;
                if (Strides[i] != expected)
                    return false;
                expected *= Shape[i];
            }
            return true;
        }
    }

    /// <summary>The viewed elements in row-major order, as little-endian bytes (what <c>TensorBytes.FromRaw</c> takes).</summary>
    public byte[] ToContiguousBytes()
    {
        int size = DType.ElementSize();
        // An expanded (stride-0) view of a tiny storage can claim more elements than memory holds.
        if (Numel > Array.MaxLength / size)
            throw new InvalidDataException($"tensor of size {Format(Shape)} ({Numel:N0} elements) is larger than one array can hold");
        var result = new byte[Numel * size];
        if (Numel == 0)
            return result;
        ReadOnlySpan<byte> src = Storage.Bytes.Span;
        if (IsContiguous)
        {
            src.Slice(checked((int)(StorageOffset * size)), result.Length).CopyTo(result);
            return result;
        }
        // A general strided gather: walk the multi-index like an odometer, the last dimension fastest.
        int rank = Shape.Length;
        var index = new long[rank];
        long at = StorageOffset;
        for (long n = 0; n < Numel; n++)
        {
            src.Slice(checked((int)(at * size)), size).CopyTo(result.AsSpan(checked((int)(n * size)), size));
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < Shape[d])
                {
                    at += Strides[d];
                    break;
                }
                at -= (Shape[d] - 1) * Strides[d];
                index[d] = 0;
            }
        }
        return result;
    }

    internal static string Format(long[] values) => "[" + string.Join(", ", values) + "]";
}
