using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Segment.Runtime.Serialization;

/// <summary>
/// A read-only name-to-tensor map that enumerates in insertion order. Dictionary&lt;K,V&gt;
/// happens to keep order until something is removed, but does not promise it; key order is
/// part of a state dict's meaning (it is the order torch.save wrote and PyTorch reports).
/// </summary>
public sealed class OrderedStateDict : IReadOnlyDictionary<string, Tensor>
{
    private readonly List<KeyValuePair<string, Tensor>> _items = new();
    private readonly Dictionary<string, Tensor> _index = new(StringComparer.Ordinal);

    internal void Add(string key, Tensor value)
    {
        _index.Add(key, value);
        _items.Add(new(key, value));
    }

    public Tensor this[string key] => _index[key];

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var kv in _items)
                yield return kv.Key;
        }
    }

    public IEnumerable<Tensor> Values
    {
        get
        {
            foreach (var kv in _items)
                yield return kv.Value;
        }
    }

    public int Count => _items.Count;

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value) => _index.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
