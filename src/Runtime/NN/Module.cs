using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.Serialization;

namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.Module: named parameters, buffers and child modules, kept in registration order
/// because that order is the state dict's key order (own parameters, own buffers, then each
/// child's entries under "child."), which checkpoints written by PyTorch rely on.
/// </summary>
/// <remarks>
/// Registered tensors are taken out of any <see cref="DisposeScope"/>: the module owns them and
/// frees them in <see cref="Dispose()"/>. Subclasses read their tensors back by name
/// (<see cref="get_parameter"/>) rather than keeping fields, because <see cref="to(Device)"/>
/// replaces them (the binding cannot move a tensor to another device in place).
/// </remarks>
public abstract class Module : IDisposable
{
    // Small lists with linear lookup: a module has a handful of entries, and a scan beats hashing there.
    private readonly List<NamedTensor> _parameters = new();
    private readonly List<NamedTensor> _buffers = new();
    private readonly List<(string Name, Module Module)> _children = new();
    private bool _disposed;

    private sealed class NamedTensor
    {
        public NamedTensor(string name, Tensor value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }

        public Tensor Value { get; set; }
    }

    /// <summary>True in training mode (the default, as in PyTorch), false after <see cref="eval"/>.</summary>
    public bool training { get; private set; } = true;

    /// <summary>
    /// Bumped whenever this module's tensors or mode may have changed (mode switches, loading, moving,
    /// a BatchNorm training step). Caches derived from the tensors (folded conv+BN weights) record it
    /// and rebuild when it moves.
    /// </summary>
    internal long StateVersion { get; private set; }

    /// <summary>Marks this module's derived caches stale (see <see cref="StateVersion"/>).</summary>
    protected void MarkStateChanged() => StateVersion++;

    // ---- registration ----

    /// <summary>Adds a learnable tensor; it is made to require grad (floating-point only) and owned by the module.</summary>
    protected Tensor register_parameter(string name, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        CheckNewName(name);
        t.DetachFromDisposeScope();
        if (t.dtype.IsFloatingPoint() && !t.requires_grad)
            t.requires_grad = true;
        _parameters.Add(new NamedTensor(name, t));
        return t;
    }

    /// <summary>Adds a non-learnable tensor that is part of the state dict (running statistics).</summary>
    protected Tensor register_buffer(string name, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        CheckNewName(name);
        t.DetachFromDisposeScope();
        _buffers.Add(new NamedTensor(name, t));
        return t;
    }

    /// <summary>Adds a child module; its entries appear in the state dict as "name.*".</summary>
    protected T register_module<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name);
        if (ReferenceEquals(module, this))
            throw new ArgumentException($"module cannot be its own child '{name}'", nameof(module));
        _children.Add((name, module));
        return module;
    }

    private void CheckNewName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Contains('.'))
            throw new ArgumentException($"module entry name '{name}' must be non-empty and contain no '.'", nameof(name));
        if (FindOwn(_parameters, name) is not null || FindOwn(_buffers, name) is not null || FindChild(name) is not null)
            throw new ArgumentException($"{GetType().Name} already has an entry named '{name}'", nameof(name));
    }

    private static NamedTensor? FindOwn(List<NamedTensor> list, string name)
    {
        foreach (NamedTensor e in list)
            if (e.Name == name)
                return e;
        return null;
    }

    private Module? FindChild(string name)
    {
        foreach (var (n, m) in _children)
            if (n == name)
                return m;
        return null;
    }

    // ---- lookup ----

    /// <summary>The parameter at a dotted path ("conv.weight"), or null when there is none.</summary>
    public Tensor? find_parameter(string target) => Resolve(target, out string leaf)?.OwnParameter(leaf);

    /// <summary>The buffer at a dotted path ("bn.running_mean"), or null when there is none.</summary>
    public Tensor? find_buffer(string target) => Resolve(target, out string leaf)?.OwnBuffer(leaf);

    /// <summary>The parameter at a dotted path; throws naming the path when it does not exist.</summary>
    public Tensor get_parameter(string target) =>
        find_parameter(target) ?? throw new KeyNotFoundException($"{GetType().Name} has no parameter '{target}'");

    /// <summary>The buffer at a dotted path; throws naming the path when it does not exist.</summary>
    public Tensor get_buffer(string target) =>
        find_buffer(target) ?? throw new KeyNotFoundException($"{GetType().Name} has no buffer '{target}'");

    /// <summary>The descendant at a dotted path ("" is this module); throws naming the path when it does not exist.</summary>
    public Module get_submodule(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Module m = this;
        if (target.Length == 0)
            return m;
        foreach (string part in target.Split('.'))
            m = m.FindChild(part) ?? throw new KeyNotFoundException($"{GetType().Name} has no submodule '{target}' ('{part}' not found)");
        return m;
    }

    private Tensor? OwnParameter(string name) => FindOwn(_parameters, name)?.Value;

    private Tensor? OwnBuffer(string name) => FindOwn(_buffers, name)?.Value;

    private Module? Resolve(string target, out string leaf)
    {
        ArgumentNullException.ThrowIfNull(target);
        int dot = target.LastIndexOf('.');
        if (dot < 0)
        {
            leaf = target;
            return this;
        }
        leaf = target[(dot + 1)..];
        Module m = this;
        foreach (string part in target[..dot].Split('.'))
        {
            Module? next = m.FindChild(part);
            if (next is null)
                return null;
            m = next;
        }
        return m;
    }

    // ---- enumeration (PyTorch's order) ----

    public IEnumerable<(string name, Module module)> named_children() => _children.Select(c => (c.Name, c.Module));

    public IEnumerable<Module> children() => _children.Select(c => c.Module);

    /// <summary>This module (named "") and every descendant, depth-first in registration order, each once.</summary>
    public IEnumerable<(string name, Module module)> named_modules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return NamedModules("", seen);
    }

    private IEnumerable<(string, Module)> NamedModules(string prefix, HashSet<Module> seen)
    {
        if (!seen.Add(this))
            yield break;
        yield return (prefix, this);
        foreach (var (name, child) in _children)
            foreach (var item in child.NamedModules(prefix.Length == 0 ? name : prefix + "." + name, seen))
                yield return item;
    }

    public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

    /// <summary>Every parameter with its dotted name; a tensor shared by two modules is listed once, as in PyTorch.</summary>
    public IEnumerable<(string name, Tensor parameter)> named_parameters() => NamedTensors(m => m._parameters);

    /// <summary>The parameters themselves (not copies): what optimizers update.</summary>
    public IEnumerable<Tensor> parameters() => named_parameters().Select(p => p.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers() => NamedTensors(m => m._buffers);

    public IEnumerable<Tensor> buffers() => named_buffers().Select(b => b.buffer);

    private IEnumerable<(string, Tensor)> NamedTensors(Func<Module, List<NamedTensor>> pick)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, m) in named_modules())
            foreach (NamedTensor e in pick(m))
                if (seen.Add(e.Value))
                    yield return (Join(prefix, e.Name), e.Value);
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>Number of learnable scalars (sum of parameter numels).</summary>
    public long parameter_count() => parameters().Sum(p => p.numel);

    // ---- state dict ----

    /// <summary>
    /// Every parameter and buffer under its dotted name, in PyTorch's order: a module's own
    /// parameters, then its buffers, then each child's entries recursively. The values are
    /// detached views sharing storage with the module's tensors (like PyTorch's); disposing them
    /// does not affect the module.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> state_dict()
    {
        var sd = new OrderedStateDict();
        foreach (var (key, t) in StateEntries())
            sd.Add(key, t.detach());
        return sd;
    }

    /// <summary>The module's own tensors in state-dict order (not copies).</summary>
    private List<(string Key, Tensor Tensor)> StateEntries()
    {
        var list = new List<(string, Tensor)>();
        CollectState("", list, new HashSet<Module>(ReferenceEqualityComparer.Instance));
        return list;
    }

    // PyTorch's _save_to_state_dict: own params, own buffers, then children with "name." prefixes.
    private void CollectState(string prefix, List<(string, Tensor)> into, HashSet<Module> seen)
    {
        if (!seen.Add(this))
            return;
        foreach (NamedTensor p in _parameters)
            into.Add((prefix + p.Name, p.Value));
        foreach (NamedTensor b in _buffers)
            into.Add((prefix + b.Name, b.Value));
        foreach (var (name, child) in _children)
            child.CollectState(prefix + name + ".", into, seen);
    }

    /// <summary>
    /// Copies a state dict into this module's existing tensors (so references to them stay valid).
    /// Every key and shape is checked first: on a mismatch a <see cref="StateDictMismatchException"/>
    /// names the keys and both shapes, and nothing has been changed. With <paramref name="strict"/>
    /// false, missing and unexpected keys are allowed (shape mismatches never are), as in PyTorch.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        var entries = StateEntries();
        StateDictValidation.ThrowIfIncompatible(entries.Select(e => (e.Key, e.Tensor.shape)), state_dict, strict);
        using (torch.no_grad())
        {
            foreach (var (key, dest) in entries)
                if (state_dict.TryGetValue(key, out Tensor? src))
                    dest.copy_(src);
        }
        ForEachModule(m => m.InvalidateOwnCaches());
    }

    // ---- modes, devices, gradients ----

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module train(bool on = true)
    {
        ForEachModule(m =>
        {
            m.training = on;
            m.InvalidateOwnCaches();
        });
        return this;
    }

    /// <summary>Evaluation mode (<c>train(false)</c>): BatchNorm uses its running statistics, blocks fold BN into their convs.</summary>
    public Module eval() => train(false);

    /// <summary>
    /// Moves every parameter and buffer to <paramref name="device"/>. The tensors are replaced
    /// (their gradients are not carried over): build optimizers after moving, as PyTorch advises.
    /// </summary>
    public Module to(Device device)
    {
        device.EnsureAvailable();
        ReplaceTensors(t => t.device == device ? null : t.to(device));
        return this;
    }

    /// <summary>Converts the floating-point parameters and buffers to <paramref name="dtype"/> (integer buffers keep theirs, as in PyTorch).</summary>
    public Module to(ScalarType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"Module.to only accepts floating point dtypes, got {dtype.TorchName()}", nameof(dtype));
        ReplaceTensors(t => !t.dtype.IsFloatingPoint() || t.dtype == dtype ? null : t.to(dtype));
        return this;
    }

    private void ReplaceTensors(Func<Tensor, Tensor?> convert)
    {
        // A tensor registered in several places (tied weights) is converted once, every entry gets
        // the same replacement, and the old tensors are freed only after all entries moved:
        // disposing one at its first entry would make the next entry convert a disposed tensor.
        var replaced = new Dictionary<Tensor, Tensor?>(ReferenceEqualityComparer.Instance);
        using (torch.no_grad())
        {
            foreach (Module m in modules())
            {
                foreach (NamedTensor p in m._parameters)
                    Replace(p, convert, parameter: true, replaced);
                foreach (NamedTensor b in m._buffers)
                    Replace(b, convert, parameter: false, replaced);
                m.InvalidateOwnCaches();
            }
        }
        foreach (var (old, moved) in replaced)
            if (moved is not null)
                old.Dispose();
    }

    private static void Replace(NamedTensor entry, Func<Tensor, Tensor?> convert, bool parameter, Dictionary<Tensor, Tensor?> replaced)
    {
        Tensor old = entry.Value;
        if (!replaced.TryGetValue(old, out Tensor? moved))
        {
            moved = convert(old);
            if (moved is not null)
            {
                moved.DetachFromDisposeScope();
                if (parameter && old.requires_grad)
                    moved.requires_grad = true;
            }
            replaced[old] = moved;
        }
        if (moved is not null)
            entry.Value = moved;
    }

    /// <summary>Zeroes the gradients of all parameters (PyTorch 1.13's default), or drops them with <paramref name="set_to_none"/>.</summary>
    public void zero_grad(bool set_to_none = false) => Optim.Optimizer.ZeroGrad(parameters(), set_to_none);

    // ---- caches ----

    /// <summary>
    /// Drops caches derived from the tensors (folded conv+BN weights) in this module and its
    /// descendants. Call it after writing into parameters by hand; mode changes, loading, moving
    /// and optimizer steps are detected without it.
    /// </summary>
    public void InvalidateCaches() => ForEachModule(m => m.InvalidateOwnCaches());

    private void InvalidateOwnCaches()
    {
        MarkStateChanged();
        OnCachesInvalidated();
    }

    /// <summary>Frees this module's own derived caches (not its children's).</summary>
    protected virtual void OnCachesInvalidated()
    {
    }

    private void ForEachModule(Action<Module> action)
    {
        foreach (Module m in modules())
            action(m);
    }

    // ---- disposal ----

    /// <summary>Frees every parameter, buffer and cache of this module and its descendants.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
            return;
        _disposed = true;
        OnCachesInvalidated();
        foreach (var (_, child) in _children)
            child.Dispose();
        foreach (NamedTensor p in _parameters)
            p.Value.Dispose();
        foreach (NamedTensor b in _buffers)
            b.Value.Dispose();
    }

    public override string ToString() => GetType().Name;
}
