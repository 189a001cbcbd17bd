using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Runtime.Serialization;

/// <summary>
/// PyTorch state-dict checkpoints (<c>torch.save(model.state_dict(), path)</c> files) as
/// tensors. Parsing and writing live in <see cref="CheckpointReader"/> / <see cref="CheckpointWriter"/>;
/// this class only converts between their neutral records and runtime tensors.
/// </summary>
public static class TorchCheckpoint
{
    /// <summary>
    /// Loads every tensor on the CPU, in the file's key order. Views are materialised as
    /// contiguous tensors (storage sharing between entries is not kept).
    /// Throws <see cref="InvalidDataException"/> naming the file when it is not a readable checkpoint.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> Load(string path) => Materialize(path, CheckpointReader.ReadStateDict(path));

    /// <summary>
    /// Loads the entries a module expects: every key and shape is checked against <paramref name="expected"/>
    /// (<see cref="StateDictValidation"/>, throwing <see cref="StateDictMismatchException"/>) before any storage is
    /// decompressed, and only the expected entries are read and made tensors, so memory is bounded by the module's
    /// size whatever the file claims.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> Load(string path, IReadOnlyList<(string Key, long[] Shape)> expected, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var wanted = new HashSet<string>(expected.Select(e => e.Key), StringComparer.Ordinal);
        var stored = CheckpointReader.ReadStateDict(path, entries =>
        {
            StateDictValidation.ThrowIfIncompatible(expected, entries.Select(kv => (kv.Key, kv.Value.Shape)), strict);
            return entries.Where(kv => wanted.Contains(kv.Key)).ToList();
        });
        return Materialize(path, stored);
    }

    /// <summary>
    /// Loads the entries <paramref name="select"/> picks after seeing every key, dtype and shape (before any storage is
    /// decompressed; see <see cref="CheckpointReader.ReadStateDict"/>), as tensors keyed as in the file.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> Load(string path, Func<IReadOnlyList<KeyValuePair<string, StoredTensor>>, IReadOnlyList<KeyValuePair<string, StoredTensor>>> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        return Materialize(path, CheckpointReader.ReadStateDict(path, select));
    }

    private static IReadOnlyDictionary<string, Tensor> Materialize(string path, IReadOnlyList<KeyValuePair<string, StoredTensor>> stored)
    {
        var result = new OrderedStateDict();
        try
        {
            foreach (var (key, t) in stored)
            {
                ScalarType dtype = ToScalarType(t.DType) ?? throw CheckpointErrors.Invalid(path, $"entry '{key}' is {t.DType}, which the runtime has no tensor type for");
                byte[] bytes;
                try
                {
                    bytes = t.ToContiguousBytes();
                }
                catch (InvalidDataException e)
                {
                    throw CheckpointErrors.Invalid(path, $"entry '{key}': {e.Message}", e);
                }
                result.Add(key, TensorBytes.FromRaw(bytes, dtype, t.Shape));
            }
        }
        catch
        {
            // Partly loaded tensors would only wait for the finalizer; free them now.
            foreach (var (_, t) in result)
                t.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>
    /// Saves tensors (any device, any layout) in enumeration order so <c>torch.load</c> returns an
    /// OrderedDict with the same keys, dtypes, shapes and bits. Each tensor gets its own storage,
    /// except that the same Tensor object listed twice is stored once. Atomic: the file is
    /// written beside <paramref name="path"/> and renamed over it.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> stateDict) =>
        Segment.IO.OutputFiles.Write(path, Writer(stateDict));

    /// <summary>
    /// <see cref="Save"/>'s bytes as a stream writer (the tensors are copied to the host now), for
    /// <c>Segment.IO.OutputFiles.WriteAll</c> when several checkpoints must appear together.
    /// </summary>
    public static Action<Stream> Writer(IEnumerable<KeyValuePair<string, Tensor>> stateDict) => Writer(stateDict, intLists: null);

    /// <summary><see cref="Writer(IEnumerable{KeyValuePair{string, Tensor}})"/> with lists of ints after the tensors (milesial's <c>mask_values</c>).</summary>
    public static Action<Stream> Writer(IEnumerable<KeyValuePair<string, Tensor>> stateDict, IReadOnlyList<KeyValuePair<string, IReadOnlyList<long>>>? intLists)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var stored = new List<KeyValuePair<string, StoredTensor>>();
        var byTensor = new Dictionary<Tensor, StoredTensor>(ReferenceEqualityComparer.Instance);
        foreach (var (key, t) in stateDict)
        {
            ArgumentNullException.ThrowIfNull(t, key);
            if (!byTensor.TryGetValue(t, out StoredTensor? s))
            {
                // ToRawBytes copies to the host and makes the layout row-major, whatever the tensor's.
                s = StoredTensor.Contiguous(byTensor.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ToCheckpointDType(t.dtype, key), t.shape, t.ToRawBytes());
                byTensor[t] = s;
            }
            stored.Add(new(key, s));
        }
        return CheckpointWriter.Writer(stored, intLists);
    }

    /// <summary>The runtime type for a checkpoint storage type; null for BFloat16, which the runtime lacks.</summary>
    public static ScalarType? ToScalarType(CheckpointDType t) => t switch
    {
        CheckpointDType.Float32 => ScalarType.Float32,
        CheckpointDType.Float16 => ScalarType.Float16,
        CheckpointDType.Float64 => ScalarType.Float64,
        CheckpointDType.Int64 => ScalarType.Int64,
        CheckpointDType.Int32 => ScalarType.Int32,
        CheckpointDType.Int16 => ScalarType.Int16,
        CheckpointDType.Int8 => ScalarType.Int8,
        CheckpointDType.UInt8 => ScalarType.Byte,
        CheckpointDType.Bool => ScalarType.Bool,
        _ => null,
    };

    private static CheckpointDType ToCheckpointDType(ScalarType t, string key) => t switch
    {
        ScalarType.Float32 => CheckpointDType.Float32,
        ScalarType.Float16 => CheckpointDType.Float16,
        ScalarType.Float64 => CheckpointDType.Float64,
        ScalarType.Int64 => CheckpointDType.Int64,
        ScalarType.Int32 => CheckpointDType.Int32,
        ScalarType.Int16 => CheckpointDType.Int16,
        ScalarType.Int8 => CheckpointDType.Int8,
        ScalarType.Byte => CheckpointDType.UInt8,
        ScalarType.Bool => CheckpointDType.Bool,
        _ => throw new NotSupportedException($"state dict entry '{key}' has dtype {t}, which a checkpoint cannot store"),
    };
}
