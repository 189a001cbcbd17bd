using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Segment.Runtime.Serialization;

/// <summary>
/// A minimal unpickler for the binary protocols (2 to 4) that torch.save writes. It knows only
/// data opcodes; globals, calls, BUILD and persistent ids are delegated to an
/// <see cref="IPickleResolver"/>, so nothing in a file can make it import or execute code.
/// Text-protocol and object-instantiation opcodes (INST, OBJ, NEWOBJ, EXT*) are refused.
/// Errors are <see cref="InvalidDataException"/> naming the opcode and byte offset.
/// </summary>
public sealed class PickleReader
{
    private static readonly object Mark = new();

    private readonly ReadOnlyMemory<byte> _data;
    private readonly IPickleResolver _resolver;
    private readonly CheckpointLimits _limits;
    private long _values;
    private readonly List<object?> _stack = new();
    private readonly List<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = new();
    private int _pos;
    private int _opStart;
    private byte _op;

    /// <param name="data">The pickle's bytes.</param>
    /// <param name="resolver">Resolves globals, calls, BUILD and persistent ids.</param>
    /// <param name="limits">Bounds on the stack, the memo and the values created (<see cref="CheckpointLimits.Default"/> if null).</param>
    public PickleReader(ReadOnlyMemory<byte> data, IPickleResolver resolver, CheckpointLimits? limits = null)
    {
        _data = data;
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _limits = limits ?? CheckpointLimits.Default;
    }

    /// <summary>Bytes consumed so far: after <see cref="Load"/>, where the next pickle of a stream of pickles starts.</summary>
    public int Position => _pos;

    /// <summary>Runs the pickle to its STOP opcode and returns the object it built.</summary>
    public object? Load()
    {
        while (true)
        {
            if (_pos >= _data.Length)
                throw Error("pickle ends without a STOP opcode");
            _opStart = _pos;
            _op = ReadByte();
            if (_op == 0x2e) // STOP
            {
                object? result = Pop();
                if (_stack.Count != 0 || _marks.Count != 0)
                    throw Error($"STOP with {_stack.Count} values and {_marks.Count} marks left on the stack");
                return result;
            }
            Step();
        }
    }

    private void Step()
    {
        switch (_op)
        {
            case 0x80: // PROTO
                byte proto = ReadByte();
                if (proto > 5)
                    throw Error($"pickle protocol {proto} is not supported");
                break;
            case 0x95: // FRAME: a length hint only; the data that follows is read as usual
                ReadBytes(8);
                break;
            case 0x28: // MARK
                _marks.Add(_stack.Count);
                Push(Mark);
                break;
            case 0x30: // POP
                Pop();
                break;
            case 0x31: // POP_MARK
                PopMark();
                break;
            case 0x32: // DUP
                Push(Peek());
                break;

            case 0x4e: Push(null); break; // NONE
            case 0x88: Push(true); break; // NEWTRUE
            case 0x89: Push(false); break; // NEWFALSE
            case 0x4b: Push((long)ReadByte()); break; // BININT1
            case 0x4d: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break; // BININT2
            case 0x4a: Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break; // BININT
            case 0x8a: Push(ReadLong(ReadByte())); break; // LONG1
            case 0x8b: Push(ReadLong(ReadLength(4))); break; // LONG4
            case 0x47: Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break; // BINFLOAT (big-endian by spec)

            case 0x58: Push(ReadUtf8(ReadLength(4))); break; // BINUNICODE
            case 0x8c: Push(ReadUtf8(ReadByte())); break; // SHORT_BINUNICODE
            case 0x8d: Push(ReadUtf8(ReadLength(8))); break; // BINUNICODE8
            case 0x55: Push(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINSTRING (Python 2 str)
            case 0x54: Push(Encoding.Latin1.GetString(ReadBytes(ReadLength(4)))); break; // BINSTRING
            case 0x43: Push(ReadBytes(ReadByte()).ToArray()); break; // SHORT_BINBYTES
            case 0x42: Push(ReadBytes(ReadLength(4)).ToArray()); break; // BINBYTES
            case 0x8e: Push(ReadBytes(ReadLength(8)).ToArray()); break; // BINBYTES8

            case 0x29: Push(PickleTuple.Empty); break; // EMPTY_TUPLE
            case 0x85: Push(new PickleTuple(PopN(1))); break; // TUPLE1
            case 0x86: Push(new PickleTuple(PopN(2))); break; // TUPLE2
            case 0x87: Push(new PickleTuple(PopN(3))); break; // TUPLE3
            case 0x74: Push(new PickleTuple(PopMark())); break; // TUPLE
            case 0x5d: Push(new List<object?>()); break; // EMPTY_LIST
            case 0x6c: Push(new List<object?>(PopMark())); break; // LIST
            case 0x61: // APPEND
            {
                object? item = Pop();
                PeekAs<List<object?>>("APPEND").Add(item);
                break;
            }
            case 0x65: // APPENDS
            {
                List<object?> items = PopMark();
                PeekAs<List<object?>>("APPENDS").AddRange(items);
                break;
            }
            case 0x7d: Push(new PickleDict()); break; // EMPTY_DICT
            case 0x64: // DICT
            {
                List<object?> items = PopMark();
                var dict = new PickleDict();
                SetItems(dict, items);
                Push(dict);
                break;
            }
            case 0x73: // SETITEM
            {
                object? value = Pop();
                object? key = Pop();
                SetItems(PeekAs<PickleDict>("SETITEM"), new List<object?> { key, value });
                break;
            }
            case 0x75: // SETITEMS
            {
                List<object?> items = PopMark();
                SetItems(PeekAs<PickleDict>("SETITEMS"), items);
                break;
            }

            case 0x71: Memoize(ReadByte()); break; // BINPUT
            case 0x72: Memoize(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))); break; // LONG_BINPUT
            case 0x94: Memoize(_memo.Count); break; // MEMOIZE
            case 0x68: Push(Recall(ReadByte())); break; // BINGET
            case 0x6a: Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))); break; // LONG_BINGET

            case 0x63: // GLOBAL: "module\nname\n"
            {
                string module = ReadLine();
                string name = ReadLine();
                Push(Resolve(() => _resolver.ResolveGlobal(module, name)));
                break;
            }
            case 0x93: // STACK_GLOBAL
            {
                object? name = Pop();
                object? module = Pop();
                if (module is not string m || name is not string n)
                    throw Error($"STACK_GLOBAL needs two strings, got {PickleValues.Describe(module)} and {PickleValues.Describe(name)}");
                Push(Resolve(() => _resolver.ResolveGlobal(m, n)));
                break;
            }
            case 0x52: // REDUCE
            {
                object? args = Pop();
                object? callable = Pop();
                if (args is not PickleTuple tuple)
                    throw Error($"REDUCE arguments must be a tuple, got {PickleValues.Describe(args)}");
                Push(Resolve(() => _resolver.Reduce(callable, tuple)));
                break;
            }
            case 0x62: // BUILD
            {
                object? state = Pop();
                object? target = Pop();
                Push(Resolve(() => _resolver.Build(target, state)));
                break;
            }
            case 0x51: // BINPERSID
            {
                object? pid = Pop();
                Push(Resolve(() => _resolver.PersistentLoad(pid)));
                break;
            }

            default:
                throw Error("unsupported pickle opcode" + (_op is >= 0x20 and < 0x7f ? $" '{(char)_op}'" : ""));
        }
    }

    private static void SetItems(PickleDict dict, List<object?> items)
    {
        if (items.Count % 2 != 0)
            throw new InvalidDataException($"dict items need key/value pairs, got {items.Count} values");
        for (int i = 0; i < items.Count; i += 2)
            dict.Set(items[i], items[i + 1]);
    }

    // Resolver errors get the opcode's offset appended so a bad file can be inspected with pickletools;
    // those that already name their file (a storage record that failed to read) pass through unchanged.
    private object? Resolve(Func<object?> f)
    {
        try
        {
            return f();
        }
        catch (InvalidDataException e) when (!CheckpointErrors.NamesFile(e))
        {
            throw Error(e.Message, inner: e);
        }
    }

    private void Memoize(long index)
    {
        if (_stack.Count == 0 || _stack[^1] == Mark)
            throw Error("memo store with nothing on the stack");
        if (_memo.Count >= _limits.MaxMemo && !_memo.ContainsKey(index))
            throw Error($"the memo holds {_memo.Count:N0} entries, the most a checkpoint may ({nameof(CheckpointLimits)}.{nameof(CheckpointLimits.MaxMemo)})");
        _memo[index] = _stack[^1];
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out object? v) ? v : throw Error($"memo entry {index} was never stored");

    // Every value the pickle creates passes here: bounding the stack and the count bounds the memory a small pickle
    // can take (one opcode repeated hundreds of millions of times, or values appended to a list without end).
    private void Push(object? v)
    {
        if (_stack.Count >= _limits.MaxStack)
            throw Error($"the stack holds {_stack.Count:N0} values, the most a checkpoint may ({nameof(CheckpointLimits)}.{nameof(CheckpointLimits.MaxStack)})");
        if (++_values > _limits.MaxValues)
            throw Error($"the pickle creates more than {_limits.MaxValues:N0} values, the most a checkpoint may ({nameof(CheckpointLimits)}.{nameof(CheckpointLimits.MaxValues)})");
        _stack.Add(v);
    }

    private object? Peek()
    {
        if (_stack.Count == 0 || _stack[^1] == Mark)
            throw Error("stack is empty");
        return _stack[^1];
    }

    private T PeekAs<T>(string what) where T : class =>
        Peek() as T ?? throw Error($"{what} applies to a {typeof(T).Name}, found {PickleValues.Describe(Peek())}");

    private object? Pop()
    {
        object? v = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private List<object?> PopN(int n)
    {
        var items = new List<object?>(n);
        for (int i = 0; i < n; i++)
            items.Insert(0, Pop());
        return items;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0)
            throw Error("no MARK on the stack");
        int at = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(at + 1, _stack.Count - at - 1);
        _stack.RemoveRange(at, _stack.Count - at);
        return items;
    }

    private byte ReadByte() => ReadBytes(1)[0];

    private ReadOnlySpan<byte> ReadBytes(int n)
    {
        if (n < 0 || n > _data.Length - _pos)
            throw Error($"pickle is truncated: {n} bytes needed at offset {_pos}, {_data.Length - _pos} left");
        ReadOnlySpan<byte> s = _data.Span.Slice(_pos, n);
        _pos += n;
        return s;
    }

    // Lengths are checked against what is left before anything is allocated, so a corrupt length cannot exhaust memory.
    private int ReadLength(int width)
    {
        ReadOnlySpan<byte> b = ReadBytes(width);
        ulong n = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);
        if (n > (ulong)(_data.Length - _pos))
            throw Error($"pickle is truncated: length {n} at offset {_pos} exceeds the {_data.Length - _pos} bytes left");
        return (int)n;
    }

    private long ReadLong(int n)
    {
        if (n > 8)
            throw Error($"integer of {n} bytes does not fit in 64 bits");
        ReadOnlySpan<byte> b = ReadBytes(n);
        if (n == 0)
            return 0;
        // Two's complement little-endian: sign-extend from the top byte.
        long v = (sbyte)b[n - 1] < 0 ? -1L : 0L;
        for (int i = n - 1; i >= 0; i--)
            v = (v << 8) | b[i];
        return v;
    }

    private string ReadUtf8(int n)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ReadBytes(n));
        }
        catch (DecoderFallbackException e)
        {
            throw Error("string is not valid UTF-8", inner: e);
        }
    }

    private string ReadLine()
    {
        ReadOnlySpan<byte> rest = _data.Span[_pos..];
        int nl = rest.IndexOf((byte)'\n');
        if (nl < 0)
            throw Error("pickle is truncated inside a GLOBAL name");
        string s = Encoding.ASCII.GetString(rest[..nl]);
        _pos += nl + 1;
        return s;
    }

    private InvalidDataException Error(string what, Exception? inner = null) =>
        new($"data.pkl: {what} (opcode 0x{_op:x2} at byte {_opStart})", inner);
}
