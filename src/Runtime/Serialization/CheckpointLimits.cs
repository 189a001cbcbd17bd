namespace Segment.Runtime.Serialization;

/// <summary>
/// The bounds <see cref="CheckpointReader"/> and <see cref="PickleReader"/> hold a checkpoint to, checked before the
/// memory is taken: a 250 KB file must not make the reader allocate gigabytes. docs/bad-input.md lists them.
/// </summary>
public sealed record CheckpointLimits
{
    /// <summary>
    /// Deflate cannot expand data more than about 1032 times (258 bytes from a 2-bit code, plus the block's
    /// header), so a record claiming more than this times its compressed size is lying; what the reader inflates
    /// in all is held to this times the file's size too.
    /// </summary>
    public const long MaxDeflateRatio = 1032;

    /// <summary>The pickle (data.pkl): a u2net state dict's is about 100 KB, a training checkpoint's a few hundred.</summary>
    public long MaxPickleBytes { get; init; } = 64L << 20;

    /// <summary>The small records (<c>byteorder</c>, <c>version</c>, ...): a few bytes each.</summary>
    public long MaxMetadataBytes { get; init; } = 4096;

    /// <summary>Values the pickle may hold on its stack at once (torch's pickler batches 1000 items per SETITEMS).</summary>
    public int MaxStack { get; init; } = 1 << 20;

    /// <summary>Entries of the pickle's memo (a u2net state dict stores about 10,000).</summary>
    public int MaxMemo { get; init; } = 1 << 20;

    /// <summary>Values the pickle may create in all (each costs up to about 150 bytes; a u2net state dict creates about 30,000).</summary>
    public long MaxValues { get; init; } = 1 << 21;

    /// <summary>The bounds used unless a caller gives others.</summary>
    public static CheckpointLimits Default { get; } = new();
}
