using System;
using System.Collections;
using System.Collections.Generic;

namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.ModuleList: children named "0", "1", ... in order, so state-dict keys read
/// "list.0.weight" as in PyTorch. Holds modules; the owner decides how to call them.
/// </summary>
public class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> _items = new();

    public ModuleList(params T[] modules)
        : this((IEnumerable<T>)modules)
    {
    }

    public ModuleList(IEnumerable<T> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        extend(modules);
    }

    public T this[int index] => _items[index];

    public int Count => _items.Count;

    /// <summary>Adds a module as the next numbered child.</summary>
    public ModuleList<T> append(T module)
    {
        _items.Add(register_module(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    public ModuleList<T> extend(IEnumerable<T> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (T m in modules)
            append(m);
        return this;
    }

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A <see cref="ModuleList{T}"/> of any modules.</summary>
public class ModuleList : ModuleList<Module>
{
    public ModuleList(params Module[] modules)
        : base(modules)
    {
    }

    public ModuleList(IEnumerable<Module> modules)
        : base(modules)
    {
    }
}
