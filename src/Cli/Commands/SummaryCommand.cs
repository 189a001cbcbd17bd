using System;
using System.Collections.Generic;
using Segment.Runtime.NN;

namespace Segment.Cli.Commands;

/// <summary><c>segment summary --model NAME</c>: per stage shapes and parameters, and the total.</summary>
public sealed class SummaryCommand : ICommand
{
    public string Name => "summary";
    public string Description => "print a network's stages with their shapes and parameter counts";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("size", "also the peak activation memory at this HxW (default: the fixed size, else 320x320 and 1024x1024)", Max: int.MaxValue),
    ];

    public int Run(ParsedArgs args)
    {
        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        Networks.PrintSummary(network, Console.Out);
        (int H, int W)[] sizes = args.Size("size") is { } size ? [size] : network.FixedInputSize is { } fixedSize ? [fixedSize] : [(320, 320), (1024, 1024)];
        foreach ((int h, int w) in sizes)
            Console.Out.WriteLine($"Peak activation memory (eval, batch 1, {h}x{w}): {MemoryBudget.FormatBytes(network.PeakActivationBytes(1, h, w))}");
        return 0;
    }
}
