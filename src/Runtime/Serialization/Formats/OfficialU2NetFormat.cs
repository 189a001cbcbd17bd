using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// The names of xuebinqin/U-2-Net's model/u2net.py (U2NET, U2NETP; u2net.pth, u2netp.pth, u2net_human_seg.pth,
/// u2net_portrait.pth): encoder stages <c>stage1..stageE</c>, decoder stages <c>stage{E-1}d..stage1d</c>, each with
/// <c>rebnconvin</c>, <c>rebnconv1..rebnconvL</c> (the dilated bottom last) and <c>rebnconv{L-1}d..rebnconv1d</c>,
/// each a <c>conv_s1</c> (a Conv2d <b>with</b> bias) and <c>bn_s1</c>; <c>side1</c> (on the last decoder) to
/// <c>sideS</c> (on the last encoder) and <c>outconv</c>. The seeds' side_modules run the other way (0 is the last
/// encoder's), and their convs before BN have no bias: the official bias folds into the running mean (<see cref="KeyRole"/>).
/// </summary>
public sealed partial class OfficialU2NetFormat : CheckpointFormat
{
    public static readonly OfficialU2NetFormat Instance = new();

    public override string Id => "official";

    public override string DisplayName => "official U²-Net";

    public override NetworkFamily Family => NetworkFamily.U2Net;

    public override bool Recognises(IReadOnlyCollection<string> keys) => keys.Any(k => OfficialKey().IsMatch(k));

    public override IReadOnlyList<KeyRole> Import(IReadOnlyList<string> keys)
    {
        int encoders = Distinct(keys, OfficialEncoderStage());
        int sides = Distinct(keys, OfficialSide());
        var heights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (OfficialKey().Match(key) is { Success: true } m && m.Groups["conv"].Value is var conv && conv != "in" && m.Groups["dec"].Value.Length == 0)
                heights[m.Groups["stage"].Value] = Math.Max(heights.GetValueOrDefault(m.Groups["stage"].Value), Int(conv));
        }
        return keys.Select(key => ImportKey(key, encoders, sides, heights)).ToList();
    }

    private static KeyRole ImportKey(string key, int encoders, int sides, Dictionary<string, int> heights)
    {
        if (OfficialKey().Match(key) is { Success: true } m)
        {
            int n = Int(m.Groups["n"].Value);
            string stage = m.Groups["d"].Value.Length == 0 ? $"encode_modules.{n - 1}" : $"decode_modules.{encoders - 1 - n}";
            string conv = m.Groups["conv"].Value;
            int height = heights.GetValueOrDefault(m.Groups["stage"].Value);
            string inner = conv == "in" ? "conv_in"
                : m.Groups["dec"].Value.Length == 0 ? $"encode_modules.{Int(conv) - 1}"
                : $"decode_modules.{height - 1 - Int(conv)}";
            string prefix = $"{stage}.{inner}.";
            if (stage.Contains('-') || inner.Contains('-'))
                return new(key, null);
            return (m.Groups["layer"].Value, m.Groups["param"].Value) switch
            {
                ("conv_s1", "bias") => new(key, prefix + "bn.running_mean", FoldsIntoRunningMean: true),
                ("conv_s1", var p) => new(key, prefix + "conv." + p),
                (_, var p) => new(key, prefix + "bn." + p),
            };
        }
        if (OfficialSide().Match(key) is { Success: true } s && sides - Int(s.Groups["n"].Value) is >= 0 and var index)
            return new(key, $"side_modules.{index}.{s.Groups["param"].Value}");
        if (key.StartsWith("outconv.", StringComparison.Ordinal))
            return new(key, "out_conv." + key["outconv.".Length..]);
        return new(key, null);
    }

    public override IReadOnlyList<KeyRole> Export(IReadOnlyList<string> seedKeys)
    {
        int encoders = Distinct(seedKeys, SeedEncoderStage());
        int sides = Distinct(seedKeys, SeedSide());
        var heights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string key in seedKeys)
        {
            if (SeedKey().Match(key) is { Success: true } m && m.Groups["inner"].Value == "encode_modules")
                heights[m.Groups["stage"].Value] = Math.Max(heights.GetValueOrDefault(m.Groups["stage"].Value), Int(m.Groups["j"].Value) + 1);
        }
        var roles = new List<KeyRole>();
        var sideRoles = new List<(int Number, KeyRole Role)>();
        foreach (string key in seedKeys)
        {
            if (SeedKey().Match(key) is { Success: true } m)
            {
                int k = Int(m.Groups["k"].Value);
                string stage = m.Groups["outer"].Value == "encode_modules" ? $"stage{k + 1}" : $"stage{encoders - 1 - k}d";
                string inner = m.Groups["inner"].Value switch
                {
                    "" => "rebnconvin",
                    "encode_modules" => $"rebnconv{Int(m.Groups["j"].Value) + 1}",
                    _ => $"rebnconv{heights.GetValueOrDefault(m.Groups["stage"].Value) - 1 - Int(m.Groups["j"].Value)}d",
                };
                string prefix = $"{stage}.{inner}.";
                string param = m.Groups["param"].Value;
                if (m.Groups["layer"].Value == "conv")
                {
                    roles.Add(new(prefix + "conv_s1." + param, key));
                    if (param == "weight")
                        roles.Add(new(prefix + "conv_s1.bias", key[..^"conv.weight".Length] + "bn.running_mean", FoldsIntoRunningMean: true));
                }
                else
                    roles.Add(new(prefix + "bn_s1." + param, key));
            }
            else if (SeedSide().Match(key) is { Success: true } s)
            {
                int number = sides - Int(s.Groups["k"].Value);
                sideRoles.Add((number, new($"side{number}.{s.Groups["param"].Value}", key)));
            }
            else if (key.StartsWith("out_conv.", StringComparison.Ordinal))
            {
                // The official code registers side1..sideS (in number order) before outconv.
                roles.AddRange(sideRoles.OrderBy(r => r.Number).Select(r => r.Role));
                sideRoles.Clear();
                roles.Add(new("outconv." + key["out_conv.".Length..], key));
            }
            else
                throw new NotSupportedException($"the {DisplayName} names have no counterpart of '{key}'");
        }
        roles.AddRange(sideRoles.OrderBy(r => r.Number).Select(r => r.Role));
        return roles;
    }

    private static int Distinct(IEnumerable<string> keys, Regex pattern) =>
        keys.Select(k => pattern.Match(k)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Count();

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<stage>stage(?<n>\d+)(?<d>d?))\.rebnconv(?<conv>in|\d+)(?<dec>d?)\.(?<layer>conv_s1|bn_s1)\.(?<param>\w+)$")]
    private static partial Regex OfficialKey();

    [GeneratedRegex(@"^stage(\d+)\.")]
    private static partial Regex OfficialEncoderStage();

    [GeneratedRegex(@"^side(?<n>\d+)\.(?<param>\w+)$")]
    private static partial Regex OfficialSide();

    [GeneratedRegex(@"^(?<stage>(?<outer>encode_modules|decode_modules)\.(?<k>\d+))\.(?:(?<inner>encode_modules|decode_modules)\.(?<j>\d+)|conv_in)\.(?<layer>conv|bn)\.(?<param>\w+)$")]
    private static partial Regex SeedKey();

    [GeneratedRegex(@"^encode_modules\.(\d+)\.conv_in\.")]
    private static partial Regex SeedEncoderStage();

    [GeneratedRegex(@"^side_modules\.(?<k>\d+)\.(?<param>\w+)$")]
    private static partial Regex SeedSide();
}
