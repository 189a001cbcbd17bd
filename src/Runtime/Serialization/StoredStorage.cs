using System;

namespace Segment.Runtime.Serialization;

/// <summary>
/// One <c>data/{key}</c> record of a checkpoint: raw little-endian elements that one or more
/// tensors view. <see cref="Numel"/> is the element count declared in the pickle; the reader
/// guarantees <see cref="Bytes"/> holds at least that many elements.
/// </summary>
public sealed class StoredStorage
{
    public StoredStorage(string key, CheckpointDType dtype, long numel, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (numel < 0)
            throw new ArgumentOutOfRangeException(nameof(numel), numel, "a storage cannot have a negative size");
        if (bytes.Length < numel * dtype.ElementSize())
            throw new ArgumentException($"storage '{key}' of {numel} {dtype} elements needs {numel * dtype.ElementSize()} bytes, got {bytes.Length}", nameof(bytes));
        Key = key;
        DType = dtype;
        Numel = numel;
        Bytes = bytes;
    }

    /// <summary>The record name under <c>data/</c>.</summary>
    public string Key { get; }

    public CheckpointDType DType { get; }

    public long Numel { get; }

    public ReadOnlyMemory<byte> Bytes { get; }
}
