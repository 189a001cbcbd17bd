using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Writes neutral <see cref="StoredTensor"/> records as a checkpoint that <c>torch.load</c>
/// reads: the records torch.save 1.13 writes, in its order (<c>archive/data.pkl</c>,
/// <c>archive/data/{key}</c> sorted by key as Python sorts strings, <c>archive/version</c>).
/// The file appears atomically: it is written beside the target and renamed over it.
/// </summary>
public static class CheckpointWriter
{
    /// <summary>Folder name inside the zip; torch.load accepts any, and recent PyTorch always uses this one.</summary>
    public const string ArchiveName = "archive";

    public static void Write(string path, IEnumerable<KeyValuePair<string, StoredTensor>> stateDict)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Atomic, and never over a device or a FIFO (Segment.IO.OutputFiles); the previous checkpoint survives a failure.
        Segment.IO.OutputFiles.Write(path, Writer(stateDict));
    }

    /// <summary>
    /// The checkpoint's bytes as a stream writer, checked and pickled now, for
    /// <c>Segment.IO.OutputFiles.WriteAll</c>: several checkpoints that must appear together
    /// (training's weights and its resume state) are written all or nothing.
    /// </summary>
    public static Action<Stream> Writer(IEnumerable<KeyValuePair<string, StoredTensor>> stateDict) => Writer(stateDict, intLists: null);

    /// <summary>
    /// <see cref="Writer(IEnumerable{KeyValuePair{string, StoredTensor}})"/> with lists of ints set after the tensors
    /// (milesial's <c>mask_values</c>, which its train.py deletes before loading and so requires).
    /// </summary>
    public static Action<Stream> Writer(IEnumerable<KeyValuePair<string, StoredTensor>> stateDict, IReadOnlyList<KeyValuePair<string, IReadOnlyList<long>>>? intLists)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var items = stateDict.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (key is null || value is null)
                throw new ArgumentException("state dict keys and values must not be null", nameof(stateDict));
            if (!seen.Add(key))
                throw new ArgumentException($"state dict key '{key}' appears twice", nameof(stateDict));
        }
        foreach (var (key, _) in intLists ?? [])
        {
            if (!seen.Add(key))
                throw new ArgumentException($"state dict key '{key}' appears twice", nameof(intLists));
        }
        byte[] pickle = PickleWriter.WriteStateDict(items, out var storages, intLists);
        return stream =>
        {
            var zip = new TorchZipWriter(stream);
            zip.WriteRecord(ArchiveName + "/data.pkl", pickle);
            foreach (var (key, storage) in storages.OrderBy(s => s.Key, StringComparer.Ordinal))
                zip.WriteRecord(ArchiveName + "/data/" + key, storage.Bytes.Span[..checked((int)(storage.Numel * storage.DType.ElementSize()))]);
            zip.WriteRecord(ArchiveName + "/version", "3\n"u8);
            zip.Finish();
        };
    }
}
