using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Checks that the stage lines form a U before any shape is inferred: order, counts, names, sides,
/// and the per-stage values (heights, positive channels) that shape inference relies on.
/// </summary>
internal static class U2NetStructureRules
{
    public static void Check(U2NetSpec spec, List<DiagnosticInfo> diagnostics)
    {
        var stages = spec.Stages;
        var encoders = stages.Where(s => s.Kind == StageKind.Encoder).ToList();
        var decoders = stages.Where(s => s.Kind == StageKind.Decoder).ToList();
        string network = spec.Type.Name;

        CheckOptions(spec, diagnostics);

        RsuStageSpec? firstDecoder = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // locals are lower-cased names
        foreach (RsuStageSpec stage in stages)
        {
            if (stage.Kind == StageKind.Decoder)
                firstDecoder ??= stage;
            else if (firstDecoder is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EncoderAfterDecoder, stage.Locations.Attribute, stage.Name, firstDecoder.Name));
            if (!seen.Add(stage.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateStageName, stage.Locations.Name, stage.Name));
            else if (ReservedNames.Why(stage.Name, network, stages.Select(s => s.Name)) is string why)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedStageName, stage.Locations.Name, stage.Name, why));
            CheckStage(stage, diagnostics);
        }

        if (encoders.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoEncoder, spec.Options.Attribute, network));
            return;
        }
        if (decoders.Count != encoders.Count - 1)
        {
            // Point at the first decoder too many, or at the network when decoders are missing.
            LocationInfo? where = decoders.Count > encoders.Count - 1 ? decoders[encoders.Count - 1].Locations.Attribute : spec.Options.Attribute;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DecoderCount, where, network, encoders.Count, decoders.Count, encoders.Count - 1));
        }
        int sides = stages.Count(s => s.Side);
        if (sides == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoSide, spec.Options.Attribute, network));
        else if (spec.Options.OutChannels > 0 && spec.Options.OutChannels <= DiagnosticDescriptors.MaxChannels)
            CommonRules.AtMostMaxChannels((long)sides * spec.Options.OutChannels, spec.Options.OutChannelsLocation, $"The fuse convolution's in-channels ({sides} side(s) * OutChannels)", diagnostics);
    }

    private static void CheckOptions(U2NetSpec spec, List<DiagnosticInfo> diagnostics)
    {
        U2NetOptions o = spec.Options;
        CommonRules.CheckName(o.CliName, o.NameLocation, diagnostics);
        if (o.OutChannels <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveChannels, o.OutChannelsLocation, "OutChannels", o.OutChannels));
        if (o.SideKernelSize < 0 || (o.SideKernelSize > 0 && o.SideKernelSize % 2 == 0))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSideKernel, o.SideKernelSizeLocation, o.SideKernelSize));
        CommonRules.CheckInput(spec.Input, diagnostics);
        CommonRules.LossWeight(o.FusedLossWeight, o.FusedLossWeightLocation, "FusedLossWeight", diagnostics);
        CommonRules.AtMostMaxChannels(o.OutChannels, o.OutChannelsLocation, "OutChannels", diagnostics);
    }

    private static void CheckStage(RsuStageSpec stage, List<DiagnosticInfo> diagnostics)
    {
        if (stage.Dilated && stage.Height != 4)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DilatedHeight, stage.Locations.Height, stage.Name, stage.Height));
        else if (stage.Height < 2)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RsuHeightTooSmall, stage.Locations.Height, stage.Name, stage.Height));

        Positive(stage.InChannels, stage.Locations.InChannels, "in-channels");
        Positive(stage.MidChannels, stage.Locations.MidChannels, "mid-channels");
        Positive(stage.OutChannels, stage.Locations.OutChannels, "out-channels");

        if (stage.HasSideLossWeight)
        {
            CommonRules.LossWeight(stage.SideLossWeight, stage.Locations.SideLossWeight, $"Stage '{stage.Name}' SideLossWeight", diagnostics);
            if (!stage.Side)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SideLossWeightWithoutSide, stage.Locations.SideLossWeight, stage.Name));
        }

        void Positive(int value, LocationInfo? where, string what)
        {
            if (value <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveChannels, where, $"Stage '{stage.Name}' {what}", value));
            else
                CommonRules.AtMostMaxChannels(value, where, $"Stage '{stage.Name}' {what}", diagnostics);
        }
    }
}
