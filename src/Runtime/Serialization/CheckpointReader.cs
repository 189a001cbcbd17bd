using System;
using System.Collections.Generic;
using System.IO;
using Segment.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Reads a <c>torch.save</c> checkpoint into neutral <see cref="StoredTensor"/> records
/// (no libtorch needed). The zip format (PyTorch 1.6 and later): <c>{archive}/data.pkl</c>, <c>{archive}/data/{key}</c>,
/// and optionally <c>{archive}/version</c> and <c>{archive}/byteorder</c>. The legacy format (earlier versions, and
/// the official U²-Net weights): <see cref="LegacyCheckpoint"/>. Every format problem
/// surfaces as an <see cref="InvalidDataException"/> naming the file (<see cref="CheckpointErrors"/>).
/// </summary>
public static class CheckpointReader
{
    /// <summary>
    /// Reads a state dict: a top-level dict from names to tensors, in file order, or such a dict
    /// wrapped as training scripts save it (<c>{'model': state_dict, 'optimizer': ..., 'epoch': ...}</c>,
    /// also under 'state_dict' or 'net'); the rest of a wrapper is ignored and its storages are never read.
    /// Keys saved from a <c>DataParallel</c> model lose their common <c>module.</c> prefix, and milesial's
    /// Pytorch-UNet <c>mask_values</c> list beside the tensors is skipped (<see cref="ReadMaskValues"/> reads it).
    /// </summary>
    /// <param name="path">The checkpoint; a regular file.</param>
    /// <param name="select">
    /// Sees every entry's key, dtype and shape before any storage is decompressed and returns the entries to
    /// read (for example those a model has, after checking their shapes against it, which throws for a checkpoint
    /// that does not fit). Only the selected entries' storages are read, and together they may decompress to no
    /// more bytes than the selected tensors hold: a small file cannot make the reader allocate more than the
    /// model can use. Null reads every entry.
    /// </param>
    public static IReadOnlyList<KeyValuePair<string, StoredTensor>> ReadStateDict(
        string path, Func<IReadOnlyList<KeyValuePair<string, StoredTensor>>, IReadOnlyList<KeyValuePair<string, StoredTensor>>>? select = null)
    {
        return Read(path, root =>
        {
            var entries = Entries(path, root);
            IReadOnlyList<KeyValuePair<string, StoredTensor>> chosen = select is null ? entries : select(entries);
            long budget = 0;
            foreach (var (_, t) in chosen)
                budget = SaturatingAdd(budget, SaturatingMultiply(t.Numel, t.DType.ElementSize()));
            return (chosen, chosen.Select(kv => kv.Value.Storage), budget);
        });
    }

    /// <summary>
    /// The <c>mask_values</c> list milesial's Pytorch-UNet train.py saves beside the tensors (the mask's pixel value
    /// of each class), or null when the file has none; no storage is read.
    /// </summary>
    public static IReadOnlyList<long>? ReadMaskValues(string path) =>
        Read(path, root =>
        {
            IReadOnlyList<long>? values = root is PickleDict dict && Unwrap(dict).Items.FirstOrDefault(kv => kv.Key is MaskValuesKey).Value is List<object?> list
                && list.All(v => v is long) ? list.Cast<long>().ToList() : null;
            return (values, Enumerable.Empty<StoredStorage>(), 0L);
        });

    /// <summary>The key of milesial's class-to-pixel-value list, the one non-tensor entry a state dict may hold.</summary>
    public const string MaskValuesKey = "mask_values";

    /// <summary>The prefix <c>torch.nn.DataParallel</c> and DistributedDataParallel give every key of the wrapped model.</summary>
    public const string DataParallelPrefix = "module.";

    private static List<KeyValuePair<string, StoredTensor>> Entries(string path, object? root)
    {
        if (root is not PickleDict dict)
            throw CheckpointErrors.Invalid(path, $"top-level object is a {PickleValues.Describe(root)}, not a dict of tensors");
        dict = Unwrap(dict);
        var entries = new List<KeyValuePair<string, StoredTensor>>(dict.Count);
        foreach (var (key, value) in dict.Items)
        {
            if (key is not string name)
                throw CheckpointErrors.Invalid(path, $"state dict key {PickleValues.Describe(key)} is not a string");
            if (name == MaskValuesKey && value is List<object?>)
                continue;
            if (value is not StoredTensor t)
                throw CheckpointErrors.Invalid(path,
                    $"entry '{name}' is a {PickleValues.Describe(value)}, not a tensor (is this a training checkpoint wrapping a state dict? save model.state_dict() itself)");
            entries.Add(new(name, t));
        }
        // DataParallel saves 'module.'-prefixed keys; the model inside is the one that was meant.
        if (entries.Count > 0 && entries.All(kv => kv.Key.StartsWith(DataParallelPrefix, StringComparison.Ordinal)))
            entries = entries.Select(kv => new KeyValuePair<string, StoredTensor>(kv.Key[DataParallelPrefix.Length..], kv.Value)).ToList();
        return entries;
    }

    // A training checkpoint: a dict holding something other than tensors, with the weights under 'model', 'state_dict'
    // or 'net' (which may wrap again, as {'state_dict': {'model': ...}} does).
    private static PickleDict Unwrap(PickleDict dict)
    {
        for (int depth = 0; depth < 4; depth++)
        {
            bool weightsOnly = dict.Items.All(kv => kv.Value is StoredTensor || kv.Key is MaskValuesKey);
            if (weightsOnly)
                return dict;
            PickleDict? inner = null;
            foreach (string wrapperKey in WrapperKeys)
            {
                inner ??= dict.Items.Where(kv => kv.Key is string k && k == wrapperKey).Select(kv => kv.Value).OfType<PickleDict>().FirstOrDefault();
            }
            if (inner is null)
                return dict;
            dict = inner;
        }
        return dict;
    }

    /// <summary>Where training scripts keep the state dict inside a checkpoint, in the order they are tried.</summary>
    public static readonly IReadOnlyList<string> WrapperKeys = ["model", "state_dict", "net"];

    /// <summary>
    /// Reads the pickled object graph: <see cref="PickleDict"/>, <see cref="PickleTuple"/>, lists, scalars and
    /// <see cref="StoredTensor"/>s, with every storage read (each no larger than its declared size).
    /// </summary>
    public static object? ReadObject(string path) =>
        Read(path, root => (root, (IEnumerable<StoredStorage>?)null, long.MaxValue));

    /// <summary>
    /// Opens the zip, parses the pickle with storages declared but unread, lets <paramref name="select"/> pick the
    /// result and the storages it needs (null: all) within a byte budget, then reads and checks those storages.
    /// </summary>
    private static T Read<T>(string path, Func<object?, (T Result, IEnumerable<StoredStorage>? Needed, long Budget)> select)
    {
        CheckpointLimits limits = CheckpointLimits.Default;
        ArgumentNullException.ThrowIfNull(path);
        Segment.IO.InputFiles.RequireRegular(path, "checkpoint");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (!CheckMagic(path, stream))
            return LegacyCheckpoint.Read(path, stream, limits, select);
        try
        {
            using var zip = OpenZip(path, stream);
            ZipArchiveEntry pkl = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw CheckpointErrors.Invalid(path, "zip has no {archive}/data.pkl record, so it is not a torch.save checkpoint (records: "
                    + string.Join(", ", zip.Entries.Take(8).Select(e => e.FullName)) + (zip.Entries.Count > 8 ? ", ..." : "") + ")");
            string prefix = pkl.FullName[..^"data.pkl".Length];

            ZipArchiveEntry? byteorder = zip.GetEntry(prefix + "byteorder");
            if (byteorder is not null)
            {
                string order = Encoding.ASCII.GetString(ReadEntry(path, byteorder, limits.MaxMetadataBytes, "a metadata record")).Trim();
                if (order != "little")
                    throw CheckpointErrors.Invalid(path, $"byteorder record says '{order}'; only little-endian checkpoints are supported");
            }

            var records = new Dictionary<StoredStorage, ZipArchiveEntry>(ReferenceEqualityComparer.Instance);
            var resolver = new TorchPickleResolver((key, dtype, numel) =>
            {
                var (storage, entry) = DeclareStorage(path, zip, prefix, key, dtype, numel);
                records[storage] = entry;
                return storage;
            });
            object? root = new PickleReader(ReadEntry(path, pkl, limits.MaxPickleBytes, "the pickle"), resolver, limits).Load();

            var (result, needed, budget) = select(root);
            // However many tensors the pickle declares, the file cannot hold more than deflate's ratio times its size.
            long fileBound = SaturatingMultiply(stream.Length, CheckpointLimits.MaxDeflateRatio);
            if (fileBound < budget)
                budget = fileBound;
            long remaining = budget;
            foreach (StoredStorage storage in (needed ?? records.Keys).Distinct(ReferenceEqualityComparer.Instance).Cast<StoredStorage>())
            {
                if (storage.IsLoaded)
                    continue;
                ZipArchiveEntry entry = records[storage];
                if (entry.Length > remaining)
                    throw CheckpointErrors.Invalid(path,
                        $"storage record '{entry.FullName}' would decompress to {entry.Length:N0} bytes, more than the {budget:N0} bytes of the tensors read from this file");
                storage.Fill(ReadEntry(path, entry, remaining, "the storages"));
                remaining -= entry.Length;
            }
            return result;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or NotSupportedException && !CheckpointErrors.NamesFile(e))
        {
            // ZipArchive and the pickle reader throw without the file's name; wrap so the caller knows which file and why.
            throw CheckpointErrors.Invalid(path, e is EndOfStreamException ? "file is truncated: " + e.Message : e.Message, e);
        }
    }

    private static ZipArchive OpenZip(string path, FileStream stream)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            // "End of Central Directory record could not be found": the zip's directory, at its end, is gone.
            throw CheckpointErrors.Invalid(path, "file is truncated or not a PyTorch checkpoint (it starts like a zip archive but its central directory is missing or damaged)", e);
        }
        // Python's zipfile reads the last of two records with one name, ZipArchive.GetEntry the first: such a file
        // means different weights to PyTorch and to us, so it is refused.
        var duplicate = zip.Entries.GroupBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            zip.Dispose();
            throw CheckpointErrors.Invalid(path, $"zip holds {duplicate.Count()} records named '{duplicate.Key}'; a checkpoint names each record once");
        }
        return zip;
    }

    private static (StoredStorage Storage, ZipArchiveEntry Entry) DeclareStorage(string path, ZipArchive zip, string prefix, string key, CheckpointDType dtype, long numel)
    {
        // Keys are torch's decimal counters; anything else could walk out of data/ in the archive.
        if (key.Length == 0 || key.Contains('/') || key.Contains('\\') || key.Contains(".."))
            throw CheckpointErrors.Invalid(path, $"storage key '{key}' is not a valid record name");
        string name = prefix + "data/" + key;
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw CheckpointErrors.Invalid(path, $"storage record '{name}' is missing");
        long needed;
        try
        {
            needed = checked(numel * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            // Unchecked, the byte count wraps (to 0 for 2^62 float32 elements) and the size check below passes.
            throw CheckpointErrors.Invalid(path, $"storage record '{name}' declares {numel} {dtype} elements, more bytes than a file can hold");
        }
        if (entry.Length < needed)
            throw CheckpointErrors.Invalid(path, $"storage record '{name}' has {entry.Length} bytes but the pickle declares {numel} {dtype} elements ({needed} bytes)");
        if (entry.Length > needed)
            throw CheckpointErrors.Invalid(path, $"storage record '{name}' has {entry.Length} bytes but the pickle declares {numel} {dtype} elements ({needed} bytes); torch.save writes exactly that many");
        return (new StoredStorage(key, dtype, numel), entry);
    }

    internal static long SaturatingMultiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    // Each record's size is checked against its bound and against what its compressed bytes can inflate to before
    // the array is allocated: the sizes in a zip's directory are claims, and a small file can claim gigabytes.
    private static byte[] ReadEntry(string path, ZipArchiveEntry entry, long cap, string what)
    {
        if (entry.Length > Array.MaxLength)
            throw CheckpointErrors.Invalid(path, $"record '{entry.FullName}' is {entry.Length} bytes, more than one array can hold");
        if (entry.Length > cap)
            throw CheckpointErrors.Invalid(path, $"record '{entry.FullName}' would decompress to {entry.Length:N0} bytes, more than the {cap:N0} allowed for {what}");
        if (entry.Length > SaturatingAdd(SaturatingMultiply(entry.CompressedLength, CheckpointLimits.MaxDeflateRatio), 1024))
            throw CheckpointErrors.Invalid(path, $"record '{entry.FullName}' claims {entry.Length:N0} bytes from {entry.CompressedLength:N0} compressed, more than deflate can expand");
        var bytes = new byte[entry.Length];
        try
        {
            using Stream s = entry.Open();
            s.ReadExactly(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or NotSupportedException)
        {
            throw CheckpointErrors.Invalid(path, $"record '{entry.FullName}' cannot be read: {e.Message}", e);
        }
        // Checked here rather than trusting every runtime version's ZipArchive to do it: a flipped
        // bit in a weight would otherwise load silently.
        if (Crc32.Compute(bytes) != entry.Crc32)
            throw CheckpointErrors.Invalid(path, $"record '{entry.FullName}' fails its CRC check (corrupt file)");
        return bytes;
    }

    /// <summary>True for a zip checkpoint, false for a legacy one (a stream of pickles); throws for anything else.</summary>
    private static bool CheckMagic(string path, FileStream stream)
    {
        Span<byte> head = stackalloc byte[4];
        int n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (n == 0)
            throw CheckpointErrors.Invalid(path, "file is empty");
        if (n == 4 && head.SequenceEqual("PK\u0003\u0004"u8))
            return true;
        if (head[0] == 0x80)
            return false;   // PROTO: the legacy format's first pickle
        throw CheckpointErrors.Invalid(path, "not a zip archive (a torch.save checkpoint starts with 'PK'), found bytes " + Convert.ToHexString(head[..n]));
    }
}
