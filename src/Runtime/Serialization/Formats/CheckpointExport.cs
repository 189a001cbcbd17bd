using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// A network's weights under another format's names, for that format's own code: the official U²-Net's
/// <c>U2NET</c>/<c>U2NETP</c>, milesial's <c>UNet</c>, the seeds'. Exact: the official convs' biases are written
/// as zeros beside the unchanged running means (the same network, <see cref="KeyRole"/>).
/// </summary>
public static class CheckpointExport
{
    /// <summary>
    /// The module's state dict in <paramref name="format"/>'s names and its code's order (the module's live tensors,
    /// and new zero biases listed in <paramref name="created"/> for the caller to dispose).
    /// </summary>
    /// <exception cref="NotSupportedException">The module has a tensor the format has no name for (UNet's auxiliary head in milesial's names).</exception>
    public static IReadOnlyList<KeyValuePair<string, Tensor>> Entries(torch.nn.Module module, CheckpointFormat format, out IReadOnlyList<Tensor> created)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(format);
        var own = StateDicts.Ordered(module);
        var byKey = own.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var made = new List<Tensor>();
        var entries = new List<KeyValuePair<string, Tensor>>();
        foreach (KeyRole role in format.Export(own.Select(kv => kv.Key).ToList()))
        {
            Tensor seed = byKey[role.SeedKey!];
            if (role.FoldsIntoRunningMean)
            {
                Tensor zero = torch.zeros_like(seed);
                made.Add(zero);
                entries.Add(new(role.FormatKey, zero));
            }
            else
                entries.Add(new(role.FormatKey, seed));
        }
        created = made;
        return entries;
    }

    /// <summary>
    /// Writes the module's weights as <paramref name="format"/>'s code saves them (atomic, <c>torch.save</c>'s format).
    /// For milesial's UNet a <c>mask_values</c> list goes with them, as its train.py saves it: the given values, or
    /// [0, 1] for up to two classes and 0..classes-1 beyond.
    /// </summary>
    public static void Save(torch.nn.Module module, CheckpointFormat format, string path, IReadOnlyList<long>? maskValues = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = Entries(module, format, out IReadOnlyList<Tensor> created);
        try
        {
            IReadOnlyList<KeyValuePair<string, IReadOnlyList<long>>>? lists = format is MilesialUNetFormat
                ? [new(CheckpointReader.MaskValuesKey, maskValues ?? DefaultMaskValues(entries))]
                : null;
            Segment.IO.OutputFiles.Write(path, TorchCheckpoint.Writer(entries, lists));
        }
        finally
        {
            foreach (Tensor t in created)
                t.Dispose();
        }
    }

    // milesial's dataset lists the masks' distinct pixel values; for class-index masks that is 0..classes-1 ([0, 1] for one class).
    private static IReadOnlyList<long> DefaultMaskValues(IReadOnlyList<KeyValuePair<string, Tensor>> entries)
    {
        long classes = entries.First(kv => kv.Key == "outc.conv.weight").Value.shape[0];
        return Enumerable.Range(0, (int)Math.Max(classes, 2)).Select(i => (long)i).ToList();
    }
}
