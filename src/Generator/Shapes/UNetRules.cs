using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// The checks of a [UNet] declaration before its model is built. <see cref="Channels"/> resolves the
/// per-level channels (the explicit list, or c * 2^k); null when the options cannot give a sound list.
/// </summary>
internal static class UNetRules
{
    public const int MaxDepth = 10;

    public static int[]? Check(UNetSpec spec, List<DiagnosticInfo> diagnostics)
    {
        UNetOptions o = spec.Options;
        UNetLocations at = o.Locations;
        CommonRules.CheckName(o.CliName, at.Name, diagnostics);
        CommonRules.CheckInput(spec.Input, diagnostics);
        CommonRules.Positive(o.Classes, at.Classes, "Classes", diagnostics);
        if (o.ClassWeights.Count > 0 && o.Classes > 0 && o.ClassWeights.Count != o.Classes)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassWeightsCount, at.ClassWeights, o.ClassWeights.Count, o.Classes));
        for (int k = 0; k < o.ClassWeights.Count; k++)
            CommonRules.LossWeight(o.ClassWeights[k], at.ClassWeights, $"ClassWeights[{k}]", diagnostics);

        if (o.Depth < 1 || o.Depth > MaxDepth)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DepthOutOfRange, at.Depth, "Depth", o.Depth, MaxDepth));
            return null;
        }
        if (o.AuxLevel < 0 || o.AuxLevel >= o.Depth)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AuxLevelOutOfRange, at.AuxLevel, o.AuxLevel, o.Depth - 1));

        int[]? channels = Channels(spec, diagnostics);
        if (channels is not null)
        {
            CheckFlow(channels, o, diagnostics);
            // An attention gate's inner width is half its skip's channels: a 1-channel skip would give a gate of width 0.
            for (int k = 0; o.AttentionGates && k < channels.Length - 1; k++)
                if (channels[k] == 1)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BlockOptionOutOfRange, at.Channel(k),
                        $"Channels[{k}]", 1, "attention gates need skips of at least 2 channels (their inner width is half the skip's)"));
        }
        if (spec.Input is { HasFixedSize: true } input)
        {
            int minimum = 1 << o.Depth;
            if (input.Height > 0 && input.Height < minimum)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputTooSmall, input.HeightLocation, spec.Type.Name, "Height", input.Height, o.Depth, minimum));
            if (input.Width > 0 && input.Width < minimum)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputTooSmall, input.WidthLocation, spec.Type.Name, "Width", input.Width, o.Depth, minimum));
        }
        return channels;
    }

    private static int[]? Channels(UNetSpec spec, List<DiagnosticInfo> diagnostics)
    {
        UNetOptions o = spec.Options;
        if (o.Channels.Count == 0)
        {
            CommonRules.Positive(o.BaseChannels, o.Locations.BaseChannels, "BaseChannels", diagnostics);
            // The deepest level's c * 2^Depth is a channel count too (SEG2016).
            if (o.BaseChannels <= 0 || o.BaseChannels > DiagnosticDescriptors.MaxChannels)
                return null;
            if (!CommonRules.AtMostMaxChannels((long)o.BaseChannels << o.Depth, o.Locations.BaseChannels, $"BaseChannels * 2^Depth (the channels of level {o.Depth})", diagnostics))
                return null;
            return Enumerable.Range(0, o.Depth + 1).Select(k => o.BaseChannels << k).ToArray();
        }
        if (o.Channels.Count != o.Depth + 1)
        {
            // The list's own depth is the fix's one value when it is a depth the rules allow.
            var mismatch = DiagnosticInfo.Create(DiagnosticDescriptors.ChannelListLength, o.Locations.Channels, o.Channels.Count, o.Depth, o.Depth + 1);
            int listDepth = o.Channels.Count - 1;
            if (listDepth >= 1 && listDepth <= MaxDepth)
                mismatch = mismatch.WithProperty(DiagnosticDescriptors.ExpectedValueProperty, listDepth.ToString(CultureInfo.InvariantCulture));
            diagnostics.Add(mismatch);
            return null;
        }
        bool positive = true;
        for (int k = 0; k < o.Channels.Count; k++)
        {
            if (o.Channels[k] <= 0 || o.Channels[k] > DiagnosticDescriptors.MaxChannels)
            {
                CommonRules.Positive(o.Channels[k], o.Locations.Channel(k), $"Channels[{k}]", diagnostics);
                positive = false;
            }
        }
        return positive ? o.Channels.ToArray() : null;
    }

    // Up k concatenates the skip (c[l]) with the upsampled map (c[l+1] / 2) and declares c[l+1] in:
    // sound only when every level doubles the one above, i.e. c[k] = c[0] * 2^k, and the halving is whole.
    // The first level meant is the one most elements agree on (DoublingConsensus), and every level is compared with
    // what it implies, not with its (possibly wrong) neighbour: the element that breaks the doubling is the one
    // blamed, each expected value is the final one, and fixing them all at once (the code fix, Fix All) gives a sound list.
    private static void CheckFlow(int[] c, UNetOptions o, List<DiagnosticInfo> diagnostics)
    {
        (int first, int votes) = DoublingConsensus.Of(c);
        string basis = votes > 1 && first != c[0]
            ? $"{votes} of the {c.Length} levels double from {first}"
            : $"from Channels[0] = {c[0]}";
        for (int k = 0; k < c.Length; k++)
        {
            long expected = (long)first << k;
            if (c[k] == expected)
                continue;
            string expectedText = expected.ToString(CultureInfo.InvariantCulture);
            DiagnosticInfo wrong = k > 0 && c[k] % 2 != 0 && o.Bilinear
                ? DiagnosticInfo.Create(DiagnosticDescriptors.HalvedChannelsNotWhole, o.Locations.Channel(k), k, c[k], expectedText, basis)
                : DiagnosticInfo.Create(DiagnosticDescriptors.ChannelsMustDouble, o.Locations.Channel(k), k, c[k], basis, expectedText);
            if (expected <= DiagnosticDescriptors.MaxChannels)
                wrong = wrong.WithProperty(DiagnosticDescriptors.ExpectedValueProperty, expectedText);
            diagnostics.Add(wrong);
        }
    }
}
