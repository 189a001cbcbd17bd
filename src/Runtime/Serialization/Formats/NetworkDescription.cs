using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// Says what network a seed-named state dict is, from its keys and shapes alone ("U2NETP", "a transposed UNet
/// (base 64, depth 4, 3 input channels, 2 classes)"), so a checkpoint that does not fit can be described beside
/// the network in one line. Two state dicts with equal descriptions are the same architecture.
/// </summary>
public static partial class NetworkDescription
{
    // The official U2NET and U2NETP (the seeds' full and lite tables): height/in/mid/out per stage, encoders then decoders.
    private const string U2NetStages = "7/3/32/64 6/64/32/128 5/128/64/256 4/256/128/512 4/512/256/512 4/512/256/512 | 4/1024/256/512 4/1024/128/256 5/512/64/128 6/256/32/64 7/128/16/64";
    private const string U2NetLiteStages = "7/3/16/64 6/64/16/64 5/64/16/64 4/64/16/64 4/64/16/64 4/64/16/64 | 4/128/16/64 4/128/16/64 5/128/16/64 6/128/16/64 7/128/16/64";

    public static string FamilyName(NetworkFamily family) => family switch
    {
        NetworkFamily.U2Net => "U²-Net",
        NetworkFamily.UNet => "UNet",
        NetworkFamily.UNetPlusPlus => "UNet++",
        _ => "network of no known family",
    };

    /// <summary>The network a seed-named state dict holds, in words.</summary>
    public static string Describe(IReadOnlyList<(string Key, long[] Shape)> seedShapes)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (key, shape) in seedShapes)
            shapes[key] = shape;
        NetworkFamily family = CheckpointFormats.FamilyOf(shapes.Keys);
        try
        {
            return family switch
            {
                NetworkFamily.U2Net => DescribeU2Net(shapes),
                NetworkFamily.UNet => DescribeUNet(shapes),
                NetworkFamily.UNetPlusPlus => DescribeUNetPlusPlus(shapes),
                _ => $"a network of no known family ({shapes.Count} tensors)",
            };
        }
        catch (KeyNotFoundException)
        {
            // A tensor a description needs is absent or of another rank: the file holds only part of a network.
            return $"part of a {FamilyName(family)} ({shapes.Count} tensors)";
        }
    }

    private static string DescribeU2Net(Dictionary<string, long[]> shapes)
    {
        string Stages(string outer) => string.Join(" ", Indices(shapes.Keys, $@"^{outer}\.(\d+)\.conv_in\.conv\.weight$").Select(k =>
        {
            string stage = $"{outer}.{k}";
            int height = Indices(shapes.Keys, $@"^{stage}\.encode_modules\.(\d+)\.conv\.weight$").Count;
            long[] convIn = [Dim(shapes, $"{stage}.conv_in.conv.weight", 0), Dim(shapes, $"{stage}.conv_in.conv.weight", 1)];
            long mid = Dim(shapes, $"{stage}.encode_modules.0.conv.weight", 0);
            return $"{height}/{convIn[1]}/{mid}/{convIn[0]}";
        }));
        string stages = Stages("encode_modules") + " | " + Stages("decode_modules");
        long outChannels = Dim(shapes, "out_conv.weight", 0);
        string channels = outChannels == 1 ? "" : $" with {outChannels} output channels";
        if (stages == U2NetStages)
            return "U2NET" + channels;
        if (stages == U2NetLiteStages)
            return "U2NETP" + channels;
        return $"a U²-Net of stages {stages} (height/in/mid/out){channels}";
    }

    private static string DescribeUNet(Dictionary<string, long[]> shapes)
    {
        int depth = Indices(shapes.Keys, @"^down(\d+)\.1\.0\.weight$").Count;
        bool transposed = shapes.Keys.Any(k => UpWeight().IsMatch(k));
        string aux = shapes.Keys.Any(k => k.StartsWith("aux_conv.", StringComparison.Ordinal)) ? ", an auxiliary head" : "";
        return $"a {(transposed ? "transposed" : "bilinear")} UNet (base {Dim(shapes, "in_conv.3.weight", 0)}, depth {depth}, " +
               $"{Dim(shapes, "in_conv.0.weight", 1)} input channels, {Dim(shapes, "out_conv.0.weight", 0)} classes{aux})";
    }

    private static string DescribeUNetPlusPlus(Dictionary<string, long[]> shapes)
    {
        var filters = Indices(shapes.Keys, @"^conv(\d+)_0\.conv1\.weight$").Select(i => Dim(shapes, $"conv{i}_0.conv2.weight", 0));
        bool deep = shapes.ContainsKey("final1.weight");
        long classes = Dim(shapes, deep ? "final1.weight" : "final.weight", 0);
        return $"a UNet++ (filters {string.Join("-", filters)}, {Dim(shapes, "conv0_0.conv1.weight", 1)} input channels, {classes} classes{(deep ? ", deep supervision" : "")})";
    }

    private static long Dim(Dictionary<string, long[]> shapes, string key, int dim) =>
        shapes.TryGetValue(key, out long[]? shape) && shape.Length == 4 && dim < 4 ? shape[dim] : throw new KeyNotFoundException(key);

    private static List<int> Indices(IEnumerable<string> keys, string pattern) =>
        keys.Select(k => Regex.Match(k, pattern)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();

    [GeneratedRegex(@"^up\d+\.up\.weight$")]
    private static partial Regex UpWeight();
}
