using System;
using System.Collections.Generic;
using System.IO;

namespace Segment.Runtime.Serialization;

/// <summary>A Python tuple read from a pickle (immutable, so a plain list of items).</summary>
public sealed class PickleTuple
{
    public static readonly PickleTuple Empty = new(Array.Empty<object?>());

    public PickleTuple(IReadOnlyList<object?> items) => Items = items;

    public IReadOnlyList<object?> Items { get; }

    public int Count => Items.Count;

    public object? this[int i] => Items[i];
}

/// <summary>
/// A Python dict or OrderedDict read from a pickle. Both keep insertion order (Python 3.7+
/// dicts do), and setting an existing key replaces its value in place, as Python does.
/// </summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object, object?>> _items = new();
    private readonly Dictionary<object, int> _index = new();

    public IReadOnlyList<KeyValuePair<object, object?>> Items => _items;

    public int Count => _items.Count;

    public void Set(object? key, object? value)
    {
        // Unhashable or None keys never occur in state dicts; refusing them keeps the lookup simple.
        if (key is null or List<object?> or PickleDict)
            throw new InvalidDataException($"dict key of type {PickleValues.Describe(key)} is not supported");
        if (_index.TryGetValue(key, out int at))
            _items[at] = new(key, value);
        else
        {
            _index[key] = _items.Count;
            _items.Add(new(key, value));
        }
    }
}

/// <summary>A reference to an allowlisted module-level name (<c>module.name</c>), the target of REDUCE.</summary>
public sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => Module + "." + Name;
}

/// <summary>Helpers to name pickled values in error messages.</summary>
internal static class PickleValues
{
    public static string Describe(object? v) => v switch
    {
        null => "None",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        PickleTuple t => $"tuple of {t.Count}",
        List<object?> l => $"list of {l.Count}",
        PickleDict d => $"dict of {d.Count}",
        PickleGlobal g => g.ToString(),
        StoredTensor => "tensor",
        StoredStorage => "storage",
        _ => v.ToString() ?? v.GetType().Name,
    };
}
