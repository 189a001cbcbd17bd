using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime.Serialization;

namespace Segment.Serialization.Tests;

/// <summary>
/// The reference dump format shared with tests/oracles/checkpoint_common.py: manifest.json
/// (key order, dtype, shape, optional view offset/stride) and one raw little-endian t{i}.bin per tensor.
/// </summary>
internal sealed record DumpEntry(string Key, string DType, long[] Shape, byte[] Bytes, long? Offset, long[]? Stride);

internal static class CheckpointDump
{
    public static string PythonName(CheckpointDType t) => t switch
    {
        CheckpointDType.Float32 => "float32",
        CheckpointDType.Float16 => "float16",
        CheckpointDType.Float64 => "float64",
        CheckpointDType.Int64 => "int64",
        CheckpointDType.Int32 => "int32",
        CheckpointDType.UInt8 => "uint8",
        CheckpointDType.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "not used by the oracles"),
    };

    public static List<DumpEntry> Read(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        JsonElement tensors = doc.RootElement.GetProperty("tensors");
        var result = new List<DumpEntry>();
        foreach (JsonElement k in doc.RootElement.GetProperty("order").EnumerateArray())
        {
            string key = k.GetString()!;
            JsonElement e = tensors.GetProperty(key);
            result.Add(new DumpEntry(
                key,
                e.GetProperty("dtype").GetString()!,
                e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(),
                File.ReadAllBytes(Path.Combine(folder, e.GetProperty("file").GetString()!)),
                e.TryGetProperty("offset", out JsonElement o) ? o.GetInt64() : null,
                e.TryGetProperty("stride", out JsonElement s) ? s.EnumerateArray().Select(x => x.GetInt64()).ToArray() : null));
        }
        return result;
    }

    /// <summary>Writes the dump for tensors the C# side stores; keys in <paramref name="views"/> also record offset and stride.</summary>
    public static void Write(string folder, IReadOnlyList<KeyValuePair<string, StoredTensor>> items, params string[] views)
    {
        Directory.CreateDirectory(folder);
        var tensors = new Dictionary<string, object>();
        for (int i = 0; i < items.Count; i++)
        {
            var (key, t) = items[i];
            var entry = new Dictionary<string, object> { ["dtype"] = PythonName(t.DType), ["shape"] = t.Shape, ["file"] = $"t{i}.bin" };
            if (views.Contains(key))
            {
                entry["offset"] = t.StorageOffset;
                entry["stride"] = t.Strides;
            }
            tensors[key] = entry;
            File.WriteAllBytes(Path.Combine(folder, $"t{i}.bin"), t.ToContiguousBytes());
        }
        File.WriteAllText(Path.Combine(folder, "manifest.json"),
            JsonSerializer.Serialize(new { order = items.Select(kv => kv.Key).ToArray(), tensors }));
    }
}
