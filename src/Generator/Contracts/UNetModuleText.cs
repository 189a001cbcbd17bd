using Segment.Generator.Emitters;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>How the UNet families' docs, summaries and input checks describe the input a network takes.</summary>
internal static class UNetModuleText
{
    public static string Input(UNetModel m) => InputGuardWriter.InputText(m.InputChannels, m.FixedHeight, m.FixedWidth, m.MinimumSize);

    public static string Input(UNetPlusPlusModel m) => m.FixedHeight is int h
        ? $"[N, {m.InputChannels}, {h}, {m.FixedWidth}]"
        : $"[N, {m.InputChannels}, H, W] with H, W multiples of {m.Multiple}";
}
