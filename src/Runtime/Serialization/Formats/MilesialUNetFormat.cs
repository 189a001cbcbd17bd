using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// The names of milesial/Pytorch-UNet's unet/unet_model.py (unet_carvana_scale0.5/1.0 and what its train.py saves):
/// <c>inc.double_conv.{0,1,3,4}</c>, <c>down{k}.maxpool_conv.1.double_conv.*</c>, <c>up{k}.up.*</c> (transposed
/// variant), <c>up{k}.conv.double_conv.*</c>, <c>outc.conv.*</c>. The network is the seeds' UNet (convs before BN
/// without bias, the same up-sampling and padding), so only the names change. Its train.py saves a
/// <c>mask_values</c> list beside the tensors, which the reader skips (<see cref="CheckpointReader.ReadMaskValues"/>).
/// </summary>
public sealed partial class MilesialUNetFormat : CheckpointFormat
{
    public static readonly MilesialUNetFormat Instance = new();

    // (milesial's prefix, the seed's prefix); each key has exactly one of them.
    private static readonly (string Milesial, string Seed)[] Prefixes =
    [
        ("inc.double_conv.", "in_conv."),
        ("outc.conv.", "out_conv.0."),
    ];

    public override string Id => "milesial";

    public override string DisplayName => "milesial UNet";

    public override NetworkFamily Family => NetworkFamily.UNet;

    public override bool Recognises(IReadOnlyCollection<string> keys) =>
        keys.Any(k => k.StartsWith("inc.double_conv.", StringComparison.Ordinal) || k.StartsWith("outc.conv.", StringComparison.Ordinal));

    public override IReadOnlyList<KeyRole> Import(IReadOnlyList<string> keys) => keys.Select(key => new KeyRole(key, ToSeed(key))).ToList();

    public override IReadOnlyList<KeyRole> Export(IReadOnlyList<string> seedKeys) =>
        seedKeys.Select(key => new KeyRole(FromSeed(key) ?? throw new NotSupportedException($"the {DisplayName} names have no counterpart of '{key}'"), key)).ToList();

    private static string? ToSeed(string key)
    {
        foreach (var (milesial, seed) in Prefixes)
        {
            if (key.StartsWith(milesial, StringComparison.Ordinal))
                return seed + key[milesial.Length..];
        }
        if (MilesialDown().Match(key) is { Success: true } d)
            return $"down{d.Groups["k"].Value}.1.{d.Groups["rest"].Value}";
        if (MilesialUp().Match(key) is { Success: true } u)
            return $"up{u.Groups["k"].Value}.{u.Groups["part"].Value}.{u.Groups["rest"].Value}";
        return null;
    }

    private static string? FromSeed(string key)
    {
        foreach (var (milesial, seed) in Prefixes)
        {
            if (key.StartsWith(seed, StringComparison.Ordinal))
                return milesial + key[seed.Length..];
        }
        if (SeedDown().Match(key) is { Success: true } d)
            return $"down{d.Groups["k"].Value}.maxpool_conv.1.double_conv.{d.Groups["rest"].Value}";
        if (SeedUp().Match(key) is { Success: true } u)
            return u.Groups["part"].Value == "up" ? key : $"up{u.Groups["k"].Value}.conv.double_conv.{u.Groups["rest"].Value}";
        return null;
    }

    [GeneratedRegex(@"^down(?<k>\d+)\.maxpool_conv\.1\.double_conv\.(?<rest>\d+\.\w+)$")]
    private static partial Regex MilesialDown();

    [GeneratedRegex(@"^up(?<k>\d+)\.(?:(?<part>up)|(?<part>conv)\.double_conv)\.(?<rest>(?:\d+\.)?\w+)$")]
    private static partial Regex MilesialUp();

    [GeneratedRegex(@"^down(?<k>\d+)\.1\.(?<rest>\d+\.\w+)$")]
    private static partial Regex SeedDown();

    [GeneratedRegex(@"^up(?<k>\d+)\.(?<part>up|conv)\.(?<rest>(?:\d+\.)?\w+)$")]
    private static partial Regex SeedUp();
}
