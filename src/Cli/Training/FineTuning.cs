using System;
using Segment.Runtime.NN;
using Segment.Runtime.Training;

namespace Segment.Cli.Training;

/// <summary>`train --init W.pth [--freeze encoder]`: pretrained weights in any supported format, optionally with the encoder frozen.</summary>
public static class FineTuning
{
    public static void Apply(ParsedArgs args, ISegmentationNetwork network)
    {
        string? init = args.String("init");
        string? freeze = args.String("freeze");
        if (freeze is not null && freeze != "encoder")
            throw new UsageException($"--freeze takes 'encoder' (train only the decoder and heads), got '{freeze}'");
        if (init is not null)
        {
            if (args.Has("resume"))
                throw new UsageException("--init starts a new run from pretrained weights and --resume continues a run from its own: give one of them");
            var format = Networks.LoadWeights(network, init);
            Console.Out.WriteLine($"init: {init} ({format?.DisplayName ?? "matching keys"})");
        }
        if (freeze is not null)
        {
            long frozen = EncoderFreezing.Freeze(Networks.AsModule(network));
            Console.Out.WriteLine($"frozen: the encoder's {frozen:N0} of {network.TotalParameters:N0} parameters");
        }
    }
}
