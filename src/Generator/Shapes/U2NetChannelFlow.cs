using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Follows the channels through the outer U and reports every stage whose declared in-channels differ
/// from what flows into it. The expected number travels in the diagnostic's properties for the code fix.
/// </summary>
internal static class U2NetChannelFlow
{
    public static void Check(U2NetSpec spec, List<DiagnosticInfo> diagnostics)
    {
        var encoders = spec.Stages.Where(s => s.Kind == StageKind.Encoder).ToList();
        var decoders = spec.Stages.Where(s => s.Kind == StageKind.Decoder).ToList();
        var mismatches = Mismatches(spec, encoders, decoders);
        if (mismatches.Count > 0 && decoders.Count >= 2)
        {
            // Decoders written shallowest first: each SEG2001's "expected" would, if applied, build another network.
            // When the reversed list flows without a single mismatch, that is what was meant: say so once.
            var reversed = Enumerable.Reverse(decoders).ToList();
            if (Mismatches(spec, encoders, reversed).Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DecodersReversed, decoders[0].Locations.Attribute, spec.Type.Name,
                    string.Join(", ", decoders.Select(d => d.Name)), string.Join(", ", reversed.Select(d => d.Name))));
                return;
            }
        }
        diagnostics.AddRange(mismatches);
    }

    private static List<DiagnosticInfo> Mismatches(U2NetSpec spec, List<RsuStageSpec> encoders, List<RsuStageSpec> decoders)
    {
        var diagnostics = new List<DiagnosticInfo>();

        if (spec.Input is { Channels: > 0 } input)
            Expect(encoders[0], input.Channels, "the input's channels");
        for (int k = 1; k < encoders.Count; k++)
            Expect(encoders[k], encoders[k - 1].OutChannels, $"{encoders[k - 1].Name}'s out-channels");

        for (int j = 0; j < decoders.Count; j++)
        {
            RsuStageSpec deeper = j == 0 ? encoders[encoders.Count - 1] : decoders[j - 1];
            RsuStageSpec skip = encoders[encoders.Count - 2 - j];
            // A non-positive out-channel count is already reported (SEG2004); the sum would be a wrong expectation.
            if (deeper.OutChannels <= 0 || skip.OutChannels <= 0)
                continue;
            Expect(decoders[j], deeper.OutChannels + skip.OutChannels,
                $"{deeper.Name}'s {deeper.OutChannels} concatenated with skip {skip.Name}'s {skip.OutChannels}");
        }

        void Expect(RsuStageSpec stage, int expected, string source)
        {
            // Non-positive values are already reported (SEG2004); a second message would only add noise.
            if (stage.InChannels <= 0 || expected <= 0 || stage.InChannels == expected)
                return;
            diagnostics.Add(DiagnosticInfo
                .Create(DiagnosticDescriptors.InChannelsMismatch, stage.Locations.InChannels, stage.Name, stage.InChannels, expected, source)
                .WithProperty(DiagnosticDescriptors.ExpectedValueProperty, expected.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return diagnostics;
    }
}
