using System;
using System.Collections.Generic;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.Runtime.Serialization.Formats;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment convert --model NAME --weights IN.pth --to seed|official|milesial --output OUT.pth</c>: reads weights in
/// any supported format (docs/checkpoints.md) and writes them in another, for the seeds' code, the official U²-Net's
/// (U2NET / U2NETP) or milesial's Pytorch-UNet. Exact: official conv biases are folded into BatchNorm on the way in
/// and written as zeros on the way out.
/// </summary>
public sealed class ConvertCommand : ICommand
{
    public string Name => "convert";
    public string Description => "rewrite weights in another checkpoint format (seed, official U²-Net, milesial UNet)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("weights", "the weights to convert (.pth, any supported format)", Required: true),
        new("to", "seed (the generated networks' names), official (U²-Net) or milesial (UNet)", Required: true),
        new("output", "the .pth file to write", Required: true),
    ];

    public int Run(ParsedArgs args)
    {
        string output = args.Required("output");
        Segment.IO.OutputFiles.Check(output);
        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        CheckpointFormat to;
        try
        {
            to = CheckpointFormats.Get(args.Required("to"), network.Family);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--to: {e.Message} ('{network.Name}' is a {NetworkDescription.FamilyName(network.Family)})");
        }
        string weights = args.Required("weights");
        CheckpointFormat? from = Networks.LoadWeights(network, weights);
        try
        {
            // milesial's mask values travel with its weights; other sources get the classes' indices.
            CheckpointExport.Save(Networks.AsModule(network), to, output, from is MilesialUNetFormat ? CheckpointReader.ReadMaskValues(weights) : null);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException($"'{network.Name}' cannot be written in the {to.DisplayName} format: {e.Message}");
        }
        Console.Out.WriteLine($"wrote {output}: {network.Name} in the {to.DisplayName} format (read as {from?.DisplayName ?? "matching keys"})");
        return 0;
    }
}
