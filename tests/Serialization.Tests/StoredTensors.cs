using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Segment.Runtime.Serialization;

namespace Segment.Serialization.Tests;

/// <summary>Hand-made state dicts for the writer tests: edge-case bit patterns and views on shared storages.</summary>
internal static class StoredTensors
{
    public static byte[] Bytes<T>(params T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static StoredTensor Contiguous<T>(CheckpointDType dtype, long[] shape, params T[] values) where T : unmanaged =>
        StoredTensor.Contiguous("unused", dtype, shape, Bytes(values));

    /// <summary>Keys whose tensors are views (their offset and stride are checked on the Python side).</summary>
    public static readonly string[] ViewKeys = { "grid", "grid_tail", "grid_t", "grid_col" };

    public static List<KeyValuePair<string, StoredTensor>> EdgeCases()
    {
        // One storage of 24 floats viewed four ways: torch.load must rebuild each view on it.
        var grid = new StoredStorage("g", CheckpointDType.Float32, 24, Bytes(Enumerable.Range(0, 24).Select(i => i * 0.5f).ToArray()));
        return new List<KeyValuePair<string, StoredTensor>>
        {
            new("f32", Contiguous(CheckpointDType.Float32, new long[] { 2, 3 }, 1.5f, -2.25f, 3e-3f, 1e30f, -7f, 0.1f)),
            new("f32_special", Contiguous(CheckpointDType.Float32, new long[] { 6 },
                BitConverter.Int32BitsToSingle(0x7fc00001), -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue)),
            new("f16", Contiguous<ushort>(CheckpointDType.Float16, new long[] { 2, 3 }, 0x3c00, 0x8000, 0x7c00, 0x7e01, 0x0001, 0xc500)),
            new("i64", Contiguous(CheckpointDType.Int64, new long[] { 3, 2 }, long.MinValue, long.MaxValue, -1L, 0L, 1L << 40, 7L)),
            new("bn.num_batches_tracked", Contiguous(CheckpointDType.Int64, Array.Empty<long>(), 42L)),
            new("grid", new StoredTensor(grid, 0, new long[] { 4, 6 }, new long[] { 6, 1 })),
            new("grid_tail", new StoredTensor(grid, 6, new long[] { 3, 6 }, new long[] { 6, 1 })),
            new("grid_t", new StoredTensor(grid, 0, new long[] { 6, 4 }, new long[] { 1, 6 })),
            new("grid_col", new StoredTensor(grid, 2, new long[] { 4 }, new long[] { 6 })),
            new("f64", Contiguous(CheckpointDType.Float64, new long[] { 2 }, Math.PI, -0.0)),
            new("i32", Contiguous(CheckpointDType.Int32, new long[] { 3 }, int.MinValue, 0, int.MaxValue)),
            new("u8", Contiguous<byte>(CheckpointDType.UInt8, new long[] { 3 }, 0, 128, 255)),
            new("mask", Contiguous<byte>(CheckpointDType.Bool, new long[] { 2, 2 }, 1, 0, 0, 1)),
            new("empty", Contiguous<float>(CheckpointDType.Float32, new long[] { 0, 3 })),
        };
    }
}
