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
        Console.Out.Write(network.SummaryText);
        if (!network.SummaryText.EndsWith('\n'))
            Console.Out.WriteLine();
        long actual = Networks.AsModule(network).parameter_count();
        Console.Out.WriteLine($"Total parameters: {network.TotalParameters:N0}" +
                              (actual == network.TotalParameters ? "" : $" (module reports {actual:N0}!)"));
        return actual == network.TotalParameters ? 0 : 2;
    }
}
