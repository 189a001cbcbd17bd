using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>Rules every family shares: the command-line name and the [Input] attribute.</summary>
internal static class CommonRules
{
    public static bool IsValidCliName(string name) =>
        name.Length > 0 && name.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.');

    public static void CheckName(string cliName, LocationInfo? where, List<DiagnosticInfo> diagnostics)
    {
        if (!IsValidCliName(cliName))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNetworkName, where, cliName));
    }

    /// <summary>Positive channels; a fixed size gives both Height and Width, positive.</summary>
    public static void CheckInput(InputSpec? spec, List<DiagnosticInfo> diagnostics)
    {
        if (spec is not InputSpec input)
            return;
        Positive(input.Channels, input.ChannelsLocation, "Input channels", diagnostics);
        bool heightSet = input.Height != 0, widthSet = input.Width != 0;
        if (input.Height < 0 || input.Width < 0 || heightSet != widthSet)
        {
            LocationInfo? where = input.Height < 0 || !heightSet ? input.HeightLocation : input.WidthLocation;
            // Say what was written: "Height = 20 and no Width", not "Width = 0" for an argument the user never wrote.
            string height = heightSet ? $"Height = {input.Height}" : "no Height";
            string width = widthSet ? $"Width = {input.Width}" : "no Width";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputSize, where, height, width));
        }
    }

    /// <summary>Positive (SEG2004) and at most <see cref="DiagnosticDescriptors.MaxChannels"/> (SEG2016).</summary>
    public static void Positive(int value, LocationInfo? where, string what, List<DiagnosticInfo> diagnostics)
    {
        if (value <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveChannels, where, what, value));
        else
            AtMostMaxChannels(value, where, what, diagnostics);
    }

    /// <summary>
    /// SEG2016: a channel count, declared or derived, above 2^20. With every count at most 2^20 a layer has at most
    /// 9 * 2^40 weights, so channel sums stay ints and per-layer parameter counts stay far inside a long
    /// (a U²-Net total, unbounded through its RSU heights, is SEG2019).
    /// </summary>
    public static bool AtMostMaxChannels(long value, LocationInfo? where, string what, List<DiagnosticInfo> diagnostics)
    {
        if (value <= DiagnosticDescriptors.MaxChannels)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ChannelsTooLarge, where, what, value));
        return false;
    }

    /// <summary>SEG2017: a loss weight that is negative, NaN or infinite.</summary>
    public static void LossWeight(double value, LocationInfo? where, string what, List<DiagnosticInfo> diagnostics)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeLossWeight, where, what, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
