using System;

namespace Segment.Runtime.Serialization;

/// <summary>
/// One <c>data/{key}</c> record of a checkpoint: raw little-endian elements that one or more
/// tensors view. <see cref="Numel"/> is the element count declared in the pickle; the reader
/// guarantees <see cref="Bytes"/> holds at least that many elements. The reader creates storages
/// before reading their bytes, so a caller can check every tensor's shape against its model first
/// and no storage is decompressed for a checkpoint that does not fit.
/// </summary>
public sealed class StoredStorage
{
    private ReadOnlyMemory<byte>? _bytes;

    /// <summary>A storage whose bytes the reader fills in later (<see cref="Fill"/>).</summary>
    internal StoredStorage(string key, CheckpointDType dtype, long numel)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (numel < 0)
            throw new ArgumentOutOfRangeException(nameof(numel), numel, "a storage cannot have a negative size");
        Key = key;
        DType = dtype;
        Numel = numel;
    }

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
        _bytes = bytes;
    }

    /// <summary>True once the bytes are read (always, for a storage made with its bytes).</summary>
    public bool IsLoaded => _bytes.HasValue;

    internal void Fill(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length < Numel * DType.ElementSize())
            throw new ArgumentException($"storage '{Key}' of {Numel} {DType} elements needs {Numel * DType.ElementSize()} bytes, got {bytes.Length}", nameof(bytes));
        _bytes = bytes;
    }

    /// <summary>The record name under <c>data/</c>.</summary>
    public string Key { get; }

    public CheckpointDType DType { get; }

    public long Numel { get; }

    /// <summary>The raw elements; reading them before the reader has filled them is a bug in the caller.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes ?? throw new InvalidOperationException($"storage '{Key}' has not been read yet");

    /// <summary>The declared size in bytes (<see cref="Numel"/> elements).</summary>
    public long ByteCount => Numel * DType.ElementSize();
}
