using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Runtime.Serialization;

/// <summary>
/// The legacy <c>torch.save</c> format (PyTorch before 1.6, or <c>_use_new_zipfile_serialization=False</c>), in which
/// the official U²-Net weights and many older checkpoints are published: a stream of pickles, then the raw storages.
/// <list type="number">
/// <item>the magic number 0x1950a86a20f9469cfc6c, pickled;</item>
/// <item>the protocol version 1001;</item>
/// <item>sys_info (<c>little_endian</c>, type sizes);</item>
/// <item>the object, whose storages are persistent ids <c>('storage', torch.FloatStorage, key, location, numel, None)</c>;</item>
/// <item>the list of storage keys, in the order their data follows;</item>
/// <item>per key: its element count as a little-endian int64, then its bytes.</item>
/// </list>
/// Every storage's place is checked against the file before anything is read into a tensor; the same
/// <see cref="TorchPickleResolver"/> as for zip checkpoints decides what the pickle may name.
/// </summary>
internal static class LegacyCheckpoint
{
    // PROTO 2, LONG1 of 10 bytes: 0x1950a86a20f9469cfc6c little-endian, STOP (what pickle.dump(MAGIC_NUMBER) writes).
    private static readonly byte[] Magic = Convert.FromHexString("80028A0A6CFC9C46F9206AA850192E");
    private const long ProtocolVersion = 1001;

    public static T Read<T>(string path, FileStream stream, CheckpointLimits limits,
        Func<object?, (T Result, IEnumerable<StoredStorage>? Needed, long Budget)> select)
    {
        if (stream.Length > Array.MaxLength)
            throw CheckpointErrors.Invalid(path, $"legacy checkpoint of {stream.Length:N0} bytes is more than one array can hold; re-save it with a current PyTorch");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        try
        {
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                throw CheckpointErrors.Invalid(path, "file is a pickle but not a torch.save checkpoint (the legacy format starts with torch's magic number)");
            int position = Magic.Length;
            var header = new TorchPickleResolver((key, _, _) => throw new InvalidDataException($"the legacy header refers to storage '{key}'"));
            if (Next(bytes, ref position, header, limits) is not long version || version != ProtocolVersion)
                throw CheckpointErrors.Invalid(path, $"legacy checkpoint of an unknown protocol version (expected {ProtocolVersion})");
            if (Next(bytes, ref position, header, limits) is PickleDict sysInfo
                && sysInfo.Items.FirstOrDefault(kv => kv.Key is "little_endian").Value is false)
                throw CheckpointErrors.Invalid(path, "big-endian legacy checkpoint; only little-endian checkpoints are supported");

            var declared = new Dictionary<string, StoredStorage>(StringComparer.Ordinal);
            var resolver = new TorchPickleResolver((key, dtype, numel) =>
            {
                var storage = new StoredStorage(key, dtype, numel);
                declared[key] = storage;
                return storage;
            });
            object? root = Next(bytes, ref position, resolver, limits);
            if (Next(bytes, ref position, resolver, limits) is not List<object?> keys || keys.Any(k => k is not string))
                throw CheckpointErrors.Invalid(path, "legacy checkpoint has no list of storage keys after its object");

            // The storages follow in the keys' order: place each before reading any.
            var places = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
            foreach (string key in keys.Cast<string>())
            {
                if (!declared.TryGetValue(key, out StoredStorage? storage))
                    throw CheckpointErrors.Invalid(path, $"legacy checkpoint lists storage '{key}', which its object never uses");
                if (bytes.Length - position < 8)
                    throw CheckpointErrors.Invalid(path, $"file is truncated: storage '{key}' has no element count");
                long numel = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position, 8));
                position += 8;
                if (numel != storage.Numel)
                    throw CheckpointErrors.Invalid(path, $"storage '{key}' holds {numel} elements but the pickle declares {storage.Numel}");
                long length = CheckpointReader.SaturatingMultiply(numel, storage.DType.ElementSize());
                if (length > bytes.Length - position)
                    throw CheckpointErrors.Invalid(path, $"file is truncated: storage '{key}' needs {length:N0} bytes, {bytes.Length - position:N0} are left");
                places[key] = (position, (int)length);
                position += (int)length;
            }
            if (declared.Keys.FirstOrDefault(k => !places.ContainsKey(k)) is string missing)
                throw CheckpointErrors.Invalid(path, $"storage '{missing}' is used by the object but its data is not in the file");

            var (result, needed, _) = select(root);
            foreach (StoredStorage storage in (needed ?? declared.Values).Distinct(ReferenceEqualityComparer.Instance).Cast<StoredStorage>())
            {
                if (storage.IsLoaded)
                    continue;
                var (offset, length) = places[storage.Key];
                storage.Fill(bytes.AsMemory(offset, length));
            }
            return result;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException && !CheckpointErrors.NamesFile(e))
        {
            throw CheckpointErrors.Invalid(path, e.Message, e);
        }
    }

    private static object? Next(byte[] bytes, ref int position, TorchPickleResolver resolver, CheckpointLimits limits)
    {
        var reader = new PickleReader(bytes.AsMemory(position), resolver, limits);
        object? value = reader.Load();
        position += reader.Position;
        return value;
    }
}
