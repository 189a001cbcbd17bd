using System.Collections.Generic;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// One way the world names a network's weights: the seeds' names (which generated networks use), the official
/// U²-Net repository's, milesial's Pytorch-UNet's. A format renames keys to and from the seeds' names and says
/// which of its tensors are conv biases that a BatchNorm absorbs (the seeds' convs before BN have none).
/// </summary>
public abstract class CheckpointFormat
{
    /// <summary>The name <c>segment convert --to</c> takes: seed, official, milesial.</summary>
    public abstract string Id { get; }

    /// <summary>What the format is called in messages, e.g. "official U²-Net".</summary>
    public abstract string DisplayName { get; }

    /// <summary>The networks the format names.</summary>
    public abstract NetworkFamily Family { get; }

    /// <summary>True when the keys use this format's names (a key only this format has is present).</summary>
    public abstract bool Recognises(IReadOnlyCollection<string> keys);

    /// <summary>
    /// What each of a file's keys is in the seeds' names, in the file's order; a key the format does not know keeps
    /// its own name (so a check reports it as unexpected).
    /// </summary>
    public abstract IReadOnlyList<KeyRole> Import(IReadOnlyList<string> keys);

    /// <summary>
    /// The format's key for each of a network's (seed-named) keys, in the order the format's own code lists them,
    /// with the conv biases the format has and the seeds' convs lack (written as zeros: exact, see <see cref="KeyRole"/>).
    /// </summary>
    public abstract IReadOnlyList<KeyRole> Export(IReadOnlyList<string> seedKeys);

    public override string ToString() => DisplayName;
}

/// <summary>
/// A key in a format and the seed key it stands for. A <see cref="FoldsIntoRunningMean"/> role is a conv bias in
/// front of a BatchNorm, and <see cref="SeedKey"/> is that BatchNorm's <c>running_mean</c>: in eval mode
/// BN(conv(x) + b) = BN'(conv(x)) with running_mean' = running_mean - b, and in train mode the batch mean removes b,
/// so dropping the bias and moving it into the running mean is the same network.
/// </summary>
/// <param name="FormatKey">The key in the format's file.</param>
/// <param name="SeedKey">The seeds' key; null where the format's key has no counterpart.</param>
/// <param name="FoldsIntoRunningMean">The format's key is a conv bias folded into the BatchNorm <paramref name="SeedKey"/> names.</param>
public readonly record struct KeyRole(string FormatKey, string? SeedKey, bool FoldsIntoRunningMean = false)
{
    /// <summary>The same key in both namings.</summary>
    public static KeyRole Same(string key) => new(key, key);
}
