using System;
using System.Collections.Generic;
using Segment.Cli.Demo;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment synth --out DIR [--train-images N] [--test-images N] [--size N] [--seed N]</c>: the demo's synthetic
/// salient-object dataset in the DUTS layout, to try `train`, `eval` and `predict` on without a download.
/// </summary>
public sealed class SynthCommand : ICommand
{
    /// <summary>The largest synthetic image side: each is drawn in memory as one buffer, and larger ones prove nothing more.</summary>
    public const int MaxSide = 4096;

    public string Name => "synth";
    public string Description => "write a synthetic salient-object dataset in the DUTS layout (JPEG images, PNG masks)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("out", "the dataset's root folder (DUTS-TR and DUTS-TE are created in it)", Required: true),
        new("train-images", "training pairs (default 160)"),
        new("test-images", "held-out pairs (default 40)"),
        new("size", $"image side (default 64, at most {MaxSide})", Max: MaxSide),
        new("seed", "seed (default 0): the same seed writes the same files"),
    ];

    public int Run(ParsedArgs args)
    {
        string root = args.Required("out");
        int train = args.Int("train-images", 160), test = args.Int("test-images", 40), size = args.Int("size", 64), seed = args.Int("seed", 0, minimum: 0);
        SyntheticDuts.Write(root, train, test, size, seed);
        Console.Out.WriteLine($"wrote {train} training and {test} test images ({size}x{size}) in the DUTS layout to {root}");
        return 0;
    }
}
