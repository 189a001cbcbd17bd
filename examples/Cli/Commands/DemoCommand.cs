using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment demo [--model NAME] [--out DIR]</c>: the default job of ./run.sh. Builds a network
/// (U²-Net-lite by default), prints its summary, saves its weights as a PyTorch checkpoint, reloads
/// them, predicts a mask for a synthetic 320x320 image and writes it as .npy.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Description => "default job: summary, checkpoint round trip and a prediction with one network";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name (default u2netp)"),
        new("out", "output folder (default ./out)"),
    ];

    public int Run(ParsedArgs args)
    {
        string name = args.String("model") ?? "u2netp";
        string outDir = args.String("out") ?? "out";
        Directory.CreateDirectory(outDir);
        torch.manual_seed(0);

        using ISegmentationNetwork network = Networks.Create(name);
        Console.Out.Write(network.SummaryText);
        Console.Out.WriteLine($"Total parameters: {network.TotalParameters:N0}");

        string weights = Path.Combine(outDir, $"{name}.pth");
        Module module = Networks.AsModule(network);
        TorchCheckpoint.Save(weights, module.state_dict());
        Networks.LoadWeights(network, weights);
        Console.Out.WriteLine($"wrote {weights} (a PyTorch state_dict: torch.load reads it) and loaded it back");

        module.eval();
        (int h, int w) = network.FixedInputSize ?? (320, 320);
        using DisposeScope scope = torch.NewDisposeScope();
        Tensor image = SyntheticImage(network.InputChannels, h, w);
        Npy.Save(Path.Combine(outDir, "input.npy"), image);
        long start = Stopwatch.GetTimestamp();
        Tensor mask;
        using (torch.inference_mode())
            mask = network.Predict(image);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        string maskPath = Path.Combine(outDir, "mask.npy");
        Npy.Save(maskPath, mask);
        Console.Out.WriteLine($"predicted {maskPath} [{string.Join(", ", mask.shape)}] in {ms:F0} ms " +
                              $"(untrained weights: the values show the pipeline runs, not a segmentation)");
        return 0;
    }

    /// <summary>A bright disc on a gradient: deterministic, so two runs write the same files.</summary>
    private static Tensor SyntheticImage(int channels, int h, int w)
    {
        var data = new float[channels * h * w];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    double dy = y - h / 2.0, dx = x - w / 2.0;
                    bool inside = dx * dx + dy * dy < (h * w) / 16.0;
                    data[(c * h + y) * w + x] = inside ? 0.9f : (float)x / w * 0.3f;
                }
        return torch.tensor(data, 1, channels, h, w);
    }
}
