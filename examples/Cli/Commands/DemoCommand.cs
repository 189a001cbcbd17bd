using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment demo [--model NAME] [--out DIR] [--steps N]</c>: the default job of ./run.sh, end to end on
/// synthetic data so that it needs no download: prints the network's summary, trains it for a few
/// Adam steps to segment bright discs (the generated loss, backward, optimizer), saves the weights
/// as a PyTorch checkpoint and loads them back, then predicts a held-out image and reports its IoU.
/// </summary>
public sealed class DemoCommand : ICommand
{
    private const int Size = 64;

    public string Name => "demo";
    public string Description => "default job: summary, a short training run on synthetic discs, checkpoint round trip, prediction";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name (default u2netp); a one-class network"),
        new("out", "output folder (default ./out)"),
        new("steps", "training steps (default 40)"),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        string name = args.String("model") ?? "u2netp";
        string outDir = args.String("out") ?? "out";
        int steps = args.Int("steps", 40);
        Directory.CreateDirectory(outDir);
        // Every file the demo writes is checked before training, so a bad --out never costs the run.
        foreach (string file in new[] { $"{name}.pth", "input.npy", "mask.npy" })
            Segment.IO.OutputFiles.Check(Path.Combine(outDir, file));
        torch.manual_seed(0);
        Device device = Networks.Device(args);

        using ISegmentationNetwork network = Networks.Create(name);
        if (network.Classes != 1)
            throw new UsageException($"demo trains a one-class (binary mask) network; '{name}' has {network.Classes} classes");
        Networks.PrintSummary(network, Console.Out);
        nn.Module module = Networks.AsModule(network);
        (int h, int w) = network.FixedInputSize ?? (Size, Size);

        module.to(device);
        var random = new Random(1);
        using var optimizer = torch.optim.Adam(module.parameters(), lr: 1e-3);
        module.train();
        long start = Stopwatch.GetTimestamp();
        for (int step = 1; step <= steps; step++)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            (Tensor images, Tensor masks) = Discs.Batch(random, batch: 4, network.InputChannels, h, w);
            (Tensor loss, _) = network.Loss(network.ForwardNamed(images.to(device)), masks.to(device));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            if (step == 1 || step % 10 == 0 || step == steps)
                Console.Out.WriteLine($"step {step,3}: loss {loss.item<float>():F4}");
        }
        Console.Out.WriteLine($"trained {steps} steps on {h}x{w} synthetic discs in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");

        string weights = Path.Combine(outDir, $"{name}.pth");
        StateDicts.Save(module, weights);
        Networks.LoadWeights(network, weights);
        Console.Out.WriteLine($"wrote {weights} (a PyTorch state_dict: torch.load reads it) and loaded it back");

        module.eval();
        using (torch.NewDisposeScope())
        using (torch.inference_mode())
        {
            (Tensor image, Tensor truth) = Discs.Batch(new Random(99), batch: 1, network.InputChannels, h, w);
            Tensor probabilities = network.Predict(image.to(device)).cpu();
            Tensor predicted = probabilities.gt(0.5);
            Tensor expected = truth.gt(0.5);
            double intersection = predicted.logical_and(expected).sum().ToDouble();
            double union = predicted.logical_or(expected).sum().ToDouble();
            Npy.Save(Path.Combine(outDir, "input.npy"), image);
            Npy.Save(Path.Combine(outDir, "mask.npy"), probabilities);
            Console.Out.WriteLine($"predicted {Path.Combine(outDir, "mask.npy")} for a held-out image: IoU with its disc {intersection / Math.Max(union, 1):F3}");
        }
        return 0;
    }
}
