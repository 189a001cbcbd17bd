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
    ];

    public int Run(ParsedArgs args)
    {
        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        Networks.PrintSummary(network, Console.Out);
        return 0;
    }
}
