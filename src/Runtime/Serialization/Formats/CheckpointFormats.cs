using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>The checkpoint formats the runtime reads and writes, recognised from a file's keys (docs/checkpoints.md).</summary>
public static class CheckpointFormats
{
    /// <summary>Every known format, in the order recognition tries them.</summary>
    public static IReadOnlyList<CheckpointFormat> All { get; } =
        [SeedFormat.U2Net, SeedFormat.UNet, SeedFormat.UNetPlusPlus, OfficialU2NetFormat.Instance, MilesialUNetFormat.Instance];

    /// <summary>The ids <c>segment convert --to</c> takes.</summary>
    public static IReadOnlyList<string> Ids { get; } = All.Select(f => f.Id).Distinct().ToList();

    /// <summary>The format whose names the keys use; null when they use none (a hand-written module, another network).</summary>
    public static CheckpointFormat? Recognise(IReadOnlyCollection<string> keys) => All.FirstOrDefault(f => f.Recognises(keys));

    /// <summary>The family of a network from its own (seed-named) keys; <see cref="NetworkFamily.Unknown"/> for other modules.</summary>
    public static NetworkFamily FamilyOf(IReadOnlyCollection<string> seedKeys) =>
        All.OfType<SeedFormat>().FirstOrDefault(f => f.Recognises(seedKeys))?.Family ?? NetworkFamily.Unknown;

    /// <summary>The format <paramref name="id"/> (seed, official, milesial) for a network of <paramref name="family"/>.</summary>
    /// <exception cref="ArgumentException">No such format, or it names another family's networks.</exception>
    public static CheckpointFormat Get(string id, NetworkFamily family)
    {
        ArgumentNullException.ThrowIfNull(id);
        var named = All.Where(f => f.Id == id).ToList();
        if (named.Count == 0)
            throw new ArgumentException($"unknown checkpoint format '{id}' (known: {string.Join(", ", Ids)})");
        return named.FirstOrDefault(f => f.Family == family)
            ?? throw new ArgumentException($"the {id} format names {string.Join(" and ", named.Select(f => NetworkDescription.FamilyName(f.Family)))} weights, not a {NetworkDescription.FamilyName(family)}'s");
    }
}
