using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>
/// Second step of the pipeline: <see cref="U2NetSpec"/> -> <see cref="NetworkAnalysis"/>. Checks the
/// structure, follows channels and sizes through every stage, and builds the model the emitters
/// read. Pure and deterministic: the generator and the analyzer call it with the same spec.
/// </summary>
internal static class U2NetShapeInference
{
    public static NetworkAnalysis Analyze(U2NetSpec spec)
    {
        var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
        U2NetStructureRules.Check(spec, diagnostics);

        var encoders = spec.Stages.Where(s => s.Kind == StageKind.Encoder).ToList();
        var decoders = spec.Stages.Where(s => s.Kind == StageKind.Decoder).ToList();
        bool formsU = encoders.Count > 0 && decoders.Count == encoders.Count - 1 && IsOrdered(spec);
        if (formsU)
        {
            U2NetChannelFlow.Check(spec, diagnostics);
            // No minimum input size (SEG2005 is UNet's): the seeds' U²-Net runs on any positive size (U2NetModel.MinimumSize).
        }

        // [Blocks]: an RSU stage's ConvBNReLU layers take the norm and the activation (normalising its mid and out channels).
        var normalised = spec.Stages.SelectMany(s => new[] { (s.Name, s.MidChannels), (s.Name, s.OutChannels) });
        BlockOptionsModel? blocks = BlockRules.Check(spec.BlockOptions, "U²-Net", BlockSupport.NormAndActivation, normalised, diagnostics);

        U2NetModel? model = null;
        if (!diagnostics.Any(d => d.IsError))
        {
            try
            {
                model = BuildModel(spec, encoders, decoders, blocks!);
            }
            catch (System.OverflowException)
            {
                // Channels are at most 2^20 (SEG2016), but RSU heights are unbounded: the (checked) parameter sums overflow.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, spec.Options.Attribute, spec.Type.Name));
            }
        }
        return new NetworkAnalysis(spec.Type.Name, model, diagnostics.ToEquatableArray(), spec.Options.NameLocation);
    }

    private static bool IsOrdered(U2NetSpec spec)
    {
        bool decoderSeen = false;
        foreach (RsuStageSpec stage in spec.Stages)
        {
            if (stage.Kind == StageKind.Decoder) decoderSeen = true;
            else if (decoderSeen) return false;
        }
        return true;
    }

    private static U2NetModel BuildModel(U2NetSpec spec, List<RsuStageSpec> encoderSpecs, List<RsuStageSpec> decoderSpecs, BlockOptionsModel blocks)
    {
        U2NetOptions options = spec.Options;
        int inputChannels = spec.Input?.Channels ?? encoderSpecs[0].InChannels;
        int? height = spec.Input is { HasFixedSize: true } i ? i.Height : null;
        int? width = spec.Input is { HasFixedSize: true } j ? j.Width : null;
        var input = new TensorShape(inputChannels, SpatialSize.Input(height, width));

        var encoders = new List<RsuStageModel>();
        TensorShape x = input;
        for (int k = 0; k < encoderSpecs.Count; k++)
        {
            if (k > 0)
                x = x with { Size = x.Size.Pooled() };
            RsuStageModel stage = RsuBlockBuilder.Build(encoderSpecs[k], k, x.WithChannels(encoderSpecs[k].InChannels), blocks);
            encoders.Add(stage);
            x = stage.OutputShape;
        }

        var decoders = new List<RsuStageModel>();
        for (int k = 0; k < decoderSpecs.Count; k++)
        {
            TensorShape skip = encoders[encoders.Count - 2 - k].OutputShape;
            RsuStageModel stage = RsuBlockBuilder.Build(decoderSpecs[k], k, skip.WithChannels(decoderSpecs[k].InChannels), blocks);
            decoders.Add(stage);
        }

        int sideKernel = options.SideKernelSize != 0 ? options.SideKernelSize : options.OutChannels == 1 ? 3 : 1;
        var sideStages = spec.Stages.Where(s => s.Side).ToList();
        var stageModels = encoders.Concat(decoders).ToDictionary(s => s.Name);
        var sides = new List<SideModel>();
        // side_modules are registered in stage order; the outputs come in reverse (side1 = De1 ... last = deepest encoder).
        for (int n = 0; n < sideStages.Count; n++)
        {
            int moduleIndex = sideStages.Count - 1 - n;
            RsuStageSpec s = sideStages[moduleIndex];
            TensorShape stageShape = stageModels[s.Name].OutputShape;
            sides.Add(new SideModel(
                n + 1, moduleIndex, s.Name,
                new ConvSpec(s.OutChannels, options.OutChannels, sideKernel, 1, WithNorm: false),
                s.SideLossWeight, stageShape, new TensorShape(options.OutChannels, input.Size)));
        }

        var outConv = new ConvSpec(sides.Count * options.OutChannels, options.OutChannels, 1, 1, WithNorm: false);
        ForwardProgram forward = U2NetForwardBuilder.Build(input, encoders, decoders, sides, options.OutChannels);
        long total = encoders.Concat(decoders).Sum(s => s.Parameters) + sides.Sum(s => s.Conv.Parameters) + outConv.Parameters;

        return new U2NetModel(
            spec.Type, options.CliName, inputChannels, height, width, options.OutChannels, options.FusedLossWeight,
            encoders.ToEquatableArray(), decoders.ToEquatableArray(),
            sides.ToEquatableArray(), outConv, forward, new TensorShape(options.OutChannels, input.Size), total)
        {
            BlockOptions = blocks,
        };
    }
}
