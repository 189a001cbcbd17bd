using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.NN.Blocks;
using Segment.Runtime.Serialization.Formats;

namespace Segment.Runtime.Serialization;

/// <summary>
/// A TorchSharp module's weights as PyTorch sees them: in PyTorch's key order, loaded with every
/// key and shape checked first (TorchSharp's own <c>load_state_dict</c> checks keys only and
/// broadcasts a wrong shape), and moved to and from <c>torch.save</c> files of the seeds' code.
/// </summary>
public static class StateDicts
{
    /// <summary>
    /// The module's parameters and persistent buffers in PyTorch's <c>state_dict()</c> order: each
    /// module's own parameters, then its own buffers, then its children in registration order.
    /// (TorchSharp's <c>state_dict()</c> lists every parameter before every buffer.) The tensors are
    /// the module's own, live: never dispose them.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, Tensor>> Ordered(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var result = new List<KeyValuePair<string, Tensor>>();
        Collect(module, "", result);
        return result;
    }

    private static void Collect(torch.nn.Module module, string prefix, List<KeyValuePair<string, Tensor>> into)
    {
        foreach (var (name, p) in module.named_parameters(recurse: false))
            into.Add(new(prefix + name, p));
        foreach (var (name, b) in module.named_buffers(recurse: false, include_nonpersistent: false))
            into.Add(new(prefix + name, b));
        foreach (var (name, child) in module.named_children())
            Collect(child, prefix + name + ".", into);
    }

    /// <summary>
    /// Throws one <see cref="StateDictMismatchException"/> listing missing and unexpected keys (when
    /// <paramref name="strict"/>) and every shape mismatch (always), in PyTorch's wording; returns
    /// when <paramref name="source"/> fits <paramref name="module"/>.
    /// </summary>
    public static void ThrowIfIncompatible(torch.nn.Module module, IReadOnlyDictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(source);
        var skipped = new HashSet<string>(skip ?? Array.Empty<string>(), StringComparer.Ordinal);
        var expected = Ordered(module).Where(kv => !skipped.Contains(kv.Key)).Select(kv => (kv.Key, kv.Value.shape));
        var loaded = source.Where(kv => !skipped.Contains(kv.Key)).Select(kv => (kv.Key, kv.Value.shape));
        StateDictValidation.ThrowIfIncompatible(expected, loaded, strict);
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the module after checking every key and shape (nothing
    /// changes when the check fails), converting dtype and device as PyTorch's <c>copy_</c> does, and
    /// drops the blocks' folded eval-mode weights. The source may use any known format's names (the seeds',
    /// official U²-Net, milesial UNet: docs/checkpoints.md); returns the format recognised (null where neither
    /// the module nor the keys use a known one and they matched as they are).
    /// </summary>
    /// <exception cref="StateDictMismatchException">The keys or shapes do not fit; for a known format, one line saying why.</exception>
    public static CheckpointFormat? Load(torch.nn.Module module, IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(source);
        var expected = Ordered(module).Select(kv => (kv.Key, kv.Value.shape)).ToList();
        ImportPlan plan = ImportPlan.Create(expected, source.Select(kv => (kv.Key, kv.Value.shape)).ToList(), strict);
        IReadOnlyDictionary<string, Tensor> renamed = plan.Apply(source, out IReadOnlyList<Tensor> created);
        try
        {
            Copy(module, renamed, strict);
        }
        finally
        {
            foreach (Tensor t in created)
                t.Dispose();
        }
        return plan.Format;
    }

    private static void Copy(torch.nn.Module module, IReadOnlyDictionary<string, Tensor> source, bool strict)
    {
        ThrowIfIncompatible(module, source, strict);
        var own = Ordered(module).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        using (torch.no_grad())
        {
            foreach (var (key, value) in source)
            {
                if (own.TryGetValue(key, out Tensor? target))
                    target.copy_(value);
            }
        }
        FoldCache.Invalidate(module);
    }

    /// <summary>
    /// Loads a <c>torch.save(model.state_dict(), path)</c> file into the module: the seeds' names, the official
    /// U²-Net's or milesial's UNet's (recognised from the keys; conv biases folded exactly into BatchNorm), bare
    /// or wrapped in a training checkpoint ('model', 'state_dict', 'net'), with or without DataParallel's
    /// <c>module.</c> prefix; see <see cref="Load(torch.nn.Module, IReadOnlyDictionary{string, Tensor}, bool)"/>.
    /// Returns the format recognised (null where neither the module nor the keys use a known one).
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The file is not a readable PyTorch checkpoint.</exception>
    /// <exception cref="StateDictMismatchException">Its keys or shapes do not fit the module; for a known format, one line saying why.</exception>
    public static CheckpointFormat? Load(torch.nn.Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        // Keys and shapes are checked before any weight is read: a file that does not fit costs no memory.
        var expected = Ordered(module).Select(kv => (kv.Key, kv.Value.shape)).ToList();
        ImportPlan? plan = null;
        IReadOnlyDictionary<string, Tensor> loaded = TorchCheckpoint.Load(path, entries =>
        {
            plan = ImportPlan.Create(expected, entries.Select(kv => (kv.Key, kv.Value.Shape)).ToList(), strict);
            IReadOnlySet<string> needed = plan.Needed;
            return entries.Where(kv => needed.Contains(kv.Key)).ToList();
        });
        IReadOnlyList<Tensor> created = [];
        try
        {
            Copy(module, plan!.Apply(loaded, out created), strict);
        }
        finally
        {
            foreach (Tensor t in loaded.Values.Concat(created))
                t.Dispose();
        }
        return plan.Format;
    }

    /// <summary>Writes the module's state dict as <c>torch.save</c> does (PyTorch key order; atomic), for <c>torch.load</c> and the seeds' code.</summary>
    public static void Save(torch.nn.Module module, string path) => TorchCheckpoint.Save(path, Ordered(module));
}
