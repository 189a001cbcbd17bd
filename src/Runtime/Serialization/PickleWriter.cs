using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Writes the data.pkl of a state dict exactly as torch.save (protocol 2, CPython's C pickler)
/// writes an OrderedDict of tensors: same opcodes, same memo numbering, same SETITEMS batching,
/// so a C#-written file is byte-for-byte what PyTorch would write for the same tensors. Keeping it
/// identical makes any difference a bug that a test can see, rather than a judgement call.
/// </summary>
internal sealed class PickleWriter
{
    private const int BatchSize = 1000; // pickle's _BATCHSIZE

    private readonly MemoryStream _out = new();
    // Memo keyed by what CPython would see as the same object: one key per global, the shared
    // literal strings 'storage' and 'cpu', and each storage (whose key string is reused).
    private readonly Dictionary<object, int> _memo = new();
    private readonly Dictionary<StoredStorage, string> _storageKeys = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string Key, StoredStorage Storage)> _storages = new();

    /// <summary>Pickles <paramref name="stateDict"/>; <paramref name="storages"/> gets each distinct storage once with its record key ("0", "1", ... in first-use order).</summary>
    /// <remarks>
    /// <paramref name="intLists"/> are set after the tensors as lists of ints, as milesial's train.py adds
    /// <c>state_dict['mask_values']</c> to the OrderedDict before saving it.
    /// </remarks>
    public static byte[] WriteStateDict(IReadOnlyList<KeyValuePair<string, StoredTensor>> stateDict, out IReadOnlyList<(string Key, StoredStorage Storage)> storages,
                                        IReadOnlyList<KeyValuePair<string, IReadOnlyList<long>>>? intLists = null)
    {
        var w = new PickleWriter();
        w.Op(0x80); w.Op(2); // PROTO 2
        w.Global("collections", "OrderedDict");
        w.Op(0x29); w.Op(0x52); w.Put(new object()); // EMPTY_TUPLE REDUCE: OrderedDict()
        for (int start = 0; start < stateDict.Count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, stateDict.Count - start);
            if (n > 1) w.Op(0x28); // MARK
            for (int i = start; i < start + n; i++)
            {
                w.String(stateDict[i].Key, identity: null);
                w.Tensor(stateDict[i].Value);
            }
            w.Op(n > 1 ? (byte)0x75 : (byte)0x73); // SETITEMS : SETITEM
        }
        foreach (var (key, values) in intLists ?? [])
        {
            w.String(key, identity: null);
            w.Op(0x5d); w.Put(new object()); // EMPTY_LIST
            if (values.Count > 0)
            {
                w.Op(0x28); // MARK
                foreach (long v in values)
                    w.Int(v);
                w.Op(0x65); // APPENDS
            }
            w.Op(0x73); // SETITEM
        }
        w.Op(0x2e); // STOP
        storages = w._storages;
        return w._out.ToArray();
    }

    private void Tensor(StoredTensor t)
    {
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=OrderedDict())
        Global("torch._utils", "_rebuild_tensor_v2");
        Op(0x28); // MARK: six arguments, so TUPLE rather than TUPLEn
        Storage(t.Storage);
        Int(t.StorageOffset);
        Tuple(t.Shape);
        Tuple(t.Strides);
        Op(0x89); // NEWFALSE
        Global("collections", "OrderedDict");
        Op(0x29); Op(0x52); Put(new object());
        Op(0x74); Put(new object()); // TUPLE
        Op(0x52); Put(new object()); // REDUCE
    }

    private void Storage(StoredStorage s)
    {
        // Persistent id ('storage', torch.XStorage, key, 'cpu', numel); a new tuple each time, as in torch.
        if (!_storageKeys.TryGetValue(s, out string? key))
        {
            key = _storageKeys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _storageKeys[s] = key;
            _storages.Add((key, s));
        }
        Op(0x28);
        String("storage", identity: "literal:storage");
        Global("torch", s.DType.StorageClassName());
        String(key, identity: s);
        String("cpu", identity: "literal:cpu");
        Int(s.Numel);
        Op(0x74); Put(new object());
        Op(0x51); // BINPERSID
    }

    private void Tuple(long[] values)
    {
        if (values.Length == 0)
        {
            Op(0x29); // EMPTY_TUPLE is never memoized
            return;
        }
        if (values.Length > 3) Op(0x28);
        foreach (long v in values)
            Int(v);
        Op(values.Length switch { 1 => 0x85, 2 => 0x86, 3 => 0x87, _ => 0x74 });
        Put(new object());
    }

    private void Global(string module, string name)
    {
        if (Get("global:" + module + "." + name))
            return;
        Op(0x63);
        _out.Write(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));
        Put("global:" + module + "." + name);
    }

    private void String(string s, object? identity)
    {
        if (identity is not null && Get(identity))
            return;
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        Op(0x58); // BINUNICODE
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)utf8.Length);
        _out.Write(len);
        _out.Write(utf8);
        Put(identity ?? new object());
    }

    private void Int(long v)
    {
        Span<byte> b = stackalloc byte[9];
        if (v is >= 0 and <= 0xFF)
        {
            Op(0x4b); Op((byte)v);
        }
        else if (v is >= 0 and <= 0xFFFF)
        {
            Op(0x4d);
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
            _out.Write(b[..2]);
        }
        else if (v is >= int.MinValue and <= int.MaxValue)
        {
            Op(0x4a);
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            _out.Write(b[..4]);
        }
        else
        {
            // LONG1: minimal little-endian two's complement, as CPython's encode_long.
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            int n = 8;
            while (n > 1 && ((b[n - 1] == 0 && b[n - 2] < 0x80) || (b[n - 1] == 0xFF && b[n - 2] >= 0x80)))
                n--;
            Op(0x8a); Op((byte)n);
            _out.Write(b[..n]);
        }
    }

    private bool Get(object identity)
    {
        if (!_memo.TryGetValue(identity, out int i))
            return false;
        if (i < 256)
        {
            Op(0x68); Op((byte)i); // BINGET
        }
        else
        {
            Op(0x6a); // LONG_BINGET
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)i);
            _out.Write(b);
        }
        return true;
    }

    private void Put(object identity)
    {
        int i = _memo.Count;
        _memo[identity] = i;
        if (i < 256)
        {
            Op(0x71); Op((byte)i); // BINPUT
        }
        else
        {
            Op(0x72); // LONG_BINPUT
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)i);
            _out.Write(b);
        }
    }

    private void Op(byte b) => _out.WriteByte(b);
}
