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
        if (input.Channels <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveChannels, input.ChannelsLocation, "Input channels", input.Channels));
        bool heightSet = input.Height != 0, widthSet = input.Width != 0;
        if (input.Height < 0 || input.Width < 0 || heightSet != widthSet)
        {
            LocationInfo? where = input.Height < 0 || !heightSet ? input.HeightLocation : input.WidthLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputSize, where, input.Height, input.Width));
        }
    }

    public static void Positive(int value, LocationInfo? where, string what, List<DiagnosticInfo> diagnostics)
    {
        if (value <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveChannels, where, what, value));
    }

    /// <summary>Parameters of DoubleConv / VGGBlock: two 3x3 convs (with or without bias) and two BatchNorms.</summary>
    public static long TwoConvParameters(int inChannels, int mid, int outChannels, bool bias) =>
        9L * inChannels * mid + 9L * mid * outChannels + 2L * mid + 2L * outChannels + (bias ? mid + outChannels : 0);
}
