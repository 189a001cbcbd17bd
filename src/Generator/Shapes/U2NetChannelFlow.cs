using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Follows the channels through the outer U and reports every stage whose declared in-channels differ
/// from what flows into it. The expected number travels in the diagnostic's properties for the code fix.
/// Root causes first: decoders written in reverse order are SEG1015, and one stage whose out-channels alone
/// explain every mismatch among its consumers (they agree with each other, not with it) is SEG2023 on that value,
/// instead of a SEG2001 on each consumer whose fixes would build another network.
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
        diagnostics.AddRange(BlameProducers(spec, encoders, decoders, mismatches));
    }

    /// <summary>
    /// The equations the U imposes on a stage's out-channels, one per consumer: the next encoder's in-channels, and
    /// each decoder's in-channels minus the other half of its concatenation.
    /// </summary>
    private static IEnumerable<(RsuStageSpec Consumer, int Implied)> Consumers(RsuStageSpec producer, List<RsuStageSpec> encoders, List<RsuStageSpec> decoders)
    {
        int e = encoders.IndexOf(producer);
        if (e >= 0 && e + 1 < encoders.Count)
            yield return (encoders[e + 1], encoders[e + 1].InChannels);
        for (int j = 0; j < decoders.Count; j++)
        {
            RsuStageSpec deeper = j == 0 ? encoders[encoders.Count - 1] : decoders[j - 1];
            RsuStageSpec skip = encoders[encoders.Count - 2 - j];
            if (ReferenceEquals(deeper, producer))
                yield return (decoders[j], decoders[j].InChannels - skip.OutChannels);
            if (ReferenceEquals(skip, producer))
                yield return (decoders[j], decoders[j].InChannels - deeper.OutChannels);
        }
    }

    /// <summary>
    /// SEG2023 for each stage whose consumers (two or more, all mismatched) agree on the out-channels it should have;
    /// their SEG2001s are dropped, since the one value explains them. Every other mismatch is reported as it is.
    /// </summary>
    private static List<DiagnosticInfo> BlameProducers(U2NetSpec spec, List<RsuStageSpec> encoders, List<RsuStageSpec> decoders, List<DiagnosticInfo> mismatches)
    {
        if (mismatches.Count < 2)
            return mismatches;
        var explained = new HashSet<LocationInfo?>();
        var blamed = new List<DiagnosticInfo>();
        foreach (RsuStageSpec producer in encoders.Concat(decoders))
        {
            var consumers = Consumers(producer, encoders, decoders).ToList();
            var implied = consumers.Select(c => c.Implied).Distinct().ToList();
            bool allMismatched = consumers.All(c => mismatches.Any(m => m.Location == c.Consumer.Locations.InChannels));
            if (consumers.Count < 2 || implied.Count != 1 || implied[0] <= 0 || implied[0] == producer.OutChannels || producer.OutChannels <= 0 || !allMismatched)
                continue;
            string names = string.Join(" and ", consumers.Select(c => c.Consumer.Name).Distinct());
            blamed.Add(DiagnosticInfo
                .Create(DiagnosticDescriptors.OutChannelsMismatch, producer.Locations.OutChannels, producer.Name, producer.OutChannels, names, implied[0])
                .WithProperty(DiagnosticDescriptors.ExpectedValueProperty, implied[0].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var c in consumers)
                explained.Add(c.Consumer.Locations.InChannels);
        }
        return blamed.Concat(mismatches.Where(m => !explained.Contains(m.Location))).ToList();
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
