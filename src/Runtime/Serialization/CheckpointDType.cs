using System;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Element types a checkpoint storage can hold. Deliberately independent of
/// <c>Segment.Runtime.ScalarType</c>: the pickle/zip layer must be able to describe every
/// storage PyTorch writes (so errors can name it) even where the tensor runtime has no such type.
/// </summary>
public enum CheckpointDType
{
    Float32,
    Float16,
    BFloat16,
    Float64,
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool,
}

/// <summary>Sizes and the pickled storage class names (<c>torch.FloatStorage</c>, ...) of <see cref="CheckpointDType"/>.</summary>
public static class CheckpointDTypes
{
    /// <summary>Bytes per element, as laid out in a <c>data/{key}</c> record.</summary>
    public static int ElementSize(this CheckpointDType t) => t switch
    {
        CheckpointDType.Float64 or CheckpointDType.Int64 => 8,
        CheckpointDType.Float32 or CheckpointDType.Int32 => 4,
        CheckpointDType.Float16 or CheckpointDType.BFloat16 or CheckpointDType.Int16 => 2,
        CheckpointDType.Int8 or CheckpointDType.UInt8 or CheckpointDType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    /// <summary>The class name after <c>torch.</c> that torch.save writes for a storage of this type.</summary>
    public static string StorageClassName(this CheckpointDType t) => t switch
    {
        CheckpointDType.Float32 => "FloatStorage",
        CheckpointDType.Float16 => "HalfStorage",
        CheckpointDType.BFloat16 => "BFloat16Storage",
        CheckpointDType.Float64 => "DoubleStorage",
        CheckpointDType.Int64 => "LongStorage",
        CheckpointDType.Int32 => "IntStorage",
        CheckpointDType.Int16 => "ShortStorage",
        CheckpointDType.Int8 => "CharStorage",
        CheckpointDType.UInt8 => "ByteStorage",
        CheckpointDType.Bool => "BoolStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    /// <summary>Maps a storage class name (without the <c>torch.</c> module) back to its type; false for anything else.</summary>
    public static bool TryFromStorageClassName(string name, out CheckpointDType type)
    {
        foreach (CheckpointDType t in Enum.GetValues<CheckpointDType>())
        {
            if (t.StorageClassName() == name)
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }
}
