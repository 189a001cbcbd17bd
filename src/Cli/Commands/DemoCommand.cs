using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Segment.Cli.Demo;
using Segment.Cli.Training;
using Segment.Imaging;
using Segment.Imaging.Prediction;
using Segment.Runtime.Data;
using Segment.Runtime.NN;
using Segment.Runtime.Training;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment demo [--model NAME] [--out DIR] [--epochs N] [--train-images N] [--size N]</c>: the main job of ./run.sh,
/// end to end on files, nothing to download. Writes a synthetic salient-object dataset in the DUTS layout (JPEG
/// images, PNG masks, train and test splits, fixed seed), trains the network on it on the CPU (`train`'s engine and
/// display), evaluates it on the held-out split (`eval`'s MAE and max F), predicts the test images (`predict`'s PNGs
/// and cut-outs), writes the report, prints where everything is, and fails unless the max F-measure beats the
/// trivial baseline (every pixel foreground).
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Description => "main job: synthetic DUTS-layout data on disk, train, evaluate, predict, report";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "a one-class network (default u2netp)"),
        new("out", "output folder (default ./out)"),
        new("epochs", "training epochs (default 20)"),
        new("train-images", "synthetic training images (default 160; 40 held out)"),
        new("size", "image side and training crop (default 64)", Max: SynthCommand.MaxSide),
        new("seed", "seed of the data and the training (default 0)"),
        Networks.ThreadsOption("libtorch's"),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        Networks.ApplyThreads(args, fallback: null);
        string name = args.String("model") ?? "u2netp";
        string outDir = args.String("out") ?? "out";
        int epochs = args.Int("epochs", 20), trainImages = args.Int("train-images", 160), size = args.Int("size", 64), seed = args.Int("seed", 0, minimum: 0);
        int testImages = Math.Max(4, trainImages / 4);
        Device device = Networks.Device(args);

        // --seed decides the initial weights too (as train's does), so a demo run is the same run every time.
        torch.manual_seed(seed);
        using ISegmentationNetwork network = Networks.Create(name);
        if (network.Classes != 1)
            throw new UsageException($"demo trains a one-class (salient object) network; '{name}' has {network.Classes} classes");
        if (network.FixedInputSize is { } fixedSize && (fixedSize.Height != size || fixedSize.Width != size))
            throw new UsageException($"{name} only takes {fixedSize.Height} x {fixedSize.Width} inputs: pass --size {fixedSize.Height}");
        Networks.PrintSummary(network, Console.Out);
        Networks.AsModule(network).to(device);

        string data = Path.Combine(outDir, "data"), run = Path.Combine(outDir, "run"), predictions = Path.Combine(outDir, "predictions");
        SyntheticDuts.Write(data, trainImages, testImages, size, seed, validation: testImages);
        Console.Out.WriteLine($"wrote {trainImages} training, {testImages} validation and {testImages} held-out test images ({size}x{size} JPEG + PNG masks, DUTS layout) to {data}");

        // best.pth is chosen on a validation set of its own (DUTS-VAL), so the held-out figure below is measured on
        // images that chose nothing. The network runs at the images' size; it trains on crops of that size taken
        // from a resize of size x 320 / 288, as the seed's 320 / 288.
        var setup = new DataSetup(Imaging.Data.DatasetLayout.Duts, data, Size: size, Crop: size, ValidationRoot: Path.Combine(data, SyntheticDuts.ValidationSet));
        TrainingOptions options = TrainingOptions.U2Net with
        {
            // One warmup epoch, as long as one epoch is left to train after it (--epochs 1 trains without warmup).
            Epochs = epochs, BatchSize = 8, WarmupEpochs = Math.Min(1, epochs - 1), Seed = seed, Device = device.ToString(),
        };
        TrainingRun.Outcome outcome = TrainingRun.Execute(network, options, setup, run, resume: null, workers: 2);

        // The best weights (by validation max F), measured on the held-out test split as `segment eval` would, then used to predict.
        Networks.LoadWeights(network, outcome.Result.Files.Best);
        DataSetup heldOut = setup with { ValidationRoot = null };
        EvaluationResult final = Evaluator.For(heldOut.Open(network, "val"), heldOut.EvalTransform(network)).Evaluate(network, device);
        Directory.CreateDirectory(predictions);
        PredictionPlan plan = PredictCommand.Plan(network, MeanStd.ImageNet, setup.EvalSize(network));
        using var predictor = new TorchSharpPredictor(network, device);
        var images = Directory.GetFiles(Path.Combine(data, "DUTS-TE", "DUTS-TE-Image"), "*.jpg").OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (string image in images)
            PredictCommand.PredictFile(predictor, plan, image, predictions, new PredictionExtras(Cutout: true));

        double baseline = AllForegroundMaxF(Path.Combine(data, "DUTS-TE", "DUTS-TE-Mask"));
        double maxF = final.MaxF ?? double.NaN;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held-out test split ({final.Images} images, not used to choose best.pth): max F-measure {maxF:F4} (trivial baseline, every pixel foreground: {baseline:F4}), MAE {final.Mae:F4}"));
        Console.Out.WriteLine($"data:        {data}");
        Console.Out.WriteLine($"weights:     {outcome.Result.Files.Best} (best), {outcome.Result.Files.Last} (last; PyTorch state_dicts)");
        Console.Out.WriteLine($"metrics:     {outcome.Result.Files.Metrics}");
        Console.Out.WriteLine($"predictions: {predictions} ({images.Count} masks and cut-outs)");
        Console.Out.WriteLine($"report:      {outcome.Report}");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {outcome.Elapsed.TotalSeconds:F0} s"));
        if (!(maxF > baseline))
        {
            Console.Error.WriteLine($"segment demo: max F-measure {maxF:F4} does not beat the trivial baseline {baseline:F4}");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// Max F (beta^2 = 0.3) of the prediction "everything is foreground": precision is the foreground share p of the
    /// ground truth (grey level above 128, as the metric binarises it), recall 1, so F = 1.3 p / (0.3 p + 1).
    /// </summary>
    private static double AllForegroundMaxF(string masks)
    {
        long foreground = 0, total = 0;
        foreach (string file in Directory.GetFiles(masks, "*.png"))
        {
            LabelMask mask = ImageDecoding.ReadGray(file);
            foreground += mask.Values.Count(v => v > 128);
            total += mask.Values.Length;
        }
        double p = (double)foreground / Math.Max(1, total);
        return 1.3 * p / (0.3 * p + 1);
    }
}
