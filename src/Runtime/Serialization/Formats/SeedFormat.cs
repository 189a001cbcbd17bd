using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// The seeds' names, which generated networks use: a <c>torch.save(model.state_dict())</c> of the seeds' PyTorch
/// code (and, for UNet++, of 4uiiurz1/pytorch-nested-unet, whose names the seed kept) loads with no renaming.
/// </summary>
public sealed class SeedFormat : CheckpointFormat
{
    private readonly string _marker;

    private SeedFormat(NetworkFamily family, string displayName, string marker)
    {
        Family = family;
        DisplayName = displayName;
        _marker = marker;
    }

    public static readonly SeedFormat U2Net = new(NetworkFamily.U2Net, "seed U²-Net", "encode_modules.0.conv_in.");
    public static readonly SeedFormat UNet = new(NetworkFamily.UNet, "seed UNet", "in_conv.0.");
    public static readonly SeedFormat UNetPlusPlus = new(NetworkFamily.UNetPlusPlus, "UNet++ (seed and 4uiiurz1)", "conv0_0.conv1.");

    public override string Id => "seed";

    public override string DisplayName { get; }

    public override NetworkFamily Family { get; }

    public override bool Recognises(IReadOnlyCollection<string> keys) => keys.Any(k => k.StartsWith(_marker, StringComparison.Ordinal));

    public override IReadOnlyList<KeyRole> Import(IReadOnlyList<string> keys) => keys.Select(KeyRole.Same).ToList();

    public override IReadOnlyList<KeyRole> Export(IReadOnlyList<string> seedKeys) => seedKeys.Select(KeyRole.Same).ToList();
}
