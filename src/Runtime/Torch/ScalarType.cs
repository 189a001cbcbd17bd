using System;

namespace Segment.Runtime;

/// <summary>Element types. The values are libtorch's c10::ScalarType codes, so they cross the boundary unchanged.</summary>
public enum ScalarType
{
    UInt8 = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}

/// <summary>Helpers over <see cref="ScalarType"/>.</summary>
public static class ScalarTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType t) => t switch
    {
        ScalarType.UInt8 or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new NotSupportedException($"scalar type {t} is not supported"),
    };

    /// <summary>True for the floating-point types (those that can require gradients).</summary>
    public static bool IsFloatingPoint(this ScalarType t) => t is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>PyTorch's name: torch.float32, torch.int64, ...</summary>
    public static string TorchName(this ScalarType t) => t switch
    {
        ScalarType.UInt8 => "torch.uint8",
        ScalarType.Int8 => "torch.int8",
        ScalarType.Int16 => "torch.int16",
        ScalarType.Int32 => "torch.int32",
        ScalarType.Int64 => "torch.int64",
        ScalarType.Float16 => "torch.float16",
        ScalarType.Float32 => "torch.float32",
        ScalarType.Float64 => "torch.float64",
        ScalarType.Bool => "torch.bool",
        _ => t.ToString(),
    };
}
