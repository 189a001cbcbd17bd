using System;
using System.Collections.Generic;
using System.IO;
using Segment.Cli.Inference;
using Segment.Cli.Training;
using Segment.Imaging;
using Segment.Imaging.Prediction;
using Segment.Runtime.Data;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment predict (--model NAME --weights W | --onnx MODEL.onnx) --input IMAGE|DIR --output DIR [--size N] [--cutout] [--overlay]</c>:
/// one PNG per image at its original size and with its stem: an 8-bit probability map for one class, a palette PNG
/// of class indices for several; <c>--cutout</c> adds an RGBA cut-out (alpha = mask), <c>--overlay</c> the mask over
/// the image. Pre- and post-processing are Segment.Imaging's (<see cref="PredictionPlan"/>, <see cref="PredictionFiles"/>),
/// shared with the ONNX Runtime path. Weights from a run folder bring its run.json: the model, size and normalisation
/// default to the run's. Under mpirun each rank predicts every N-th image, so every file is written once.
/// </summary>
public sealed class PredictCommand : ICommand
{
    public string Name => "predict";
    public string Description => "segment images (a file or a folder) into PNG masks at their original size";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names) + " (default: the run's, from run.json beside the weights; not with --onnx)"),
        new("weights", "PyTorch state_dict (.pth): the trained weights (not with --onnx)"),
        new("onnx", "an exported .onnx model, run in ONNX Runtime instead of TorchSharp (no --model, --weights or --device)"),
        new("input", "an image (jpg, png, bmp, gif, tif) or a folder of them", Required: true),
        new("output", "folder for the PNGs (created if missing)", Required: true),
        new("size", TrainCommand.SizeHelp + " (default: the run's)"),
        new("normalize", "mean/std of the training data: imagenet or drive (default: the run's, else imagenet)"),
        new("compat", "rembg: rembg's u2net pre- and post-processing (Lanczos 320x320, min-max mask), for its masks from the same weights"),
        new("tile", "UNet / UNet++: run images larger than N x N pixels (at the size the network runs at) as overlapping N x N tiles blended with Gaussian weights, so memory follows the tile (N a multiple of the network's minimum size)", Max: OptionSpec.MaxSide),
        new("overlap", "with --tile: the fraction of a tile its neighbour covers, 0 to below 1 (default 0.25, as MONAI's sliding-window inference)"),
        new("cutout", "also write STEM.cutout.png: the image with alpha = the mask", IsFlag: true),
        new("overlay", "also write STEM.overlay.png: the mask's classes over the image", IsFlag: true),
        InferenceEngines.Option,
        Networks.ThreadsOption("libtorch's, or ONNX Runtime's one per physical core; over a folder of one-size images on ONNX Runtime, the cores used, an image per core"),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        ICommunicator world = Communicators.World;
        int? threads = Networks.ApplyThreads(args, fallback: null);
        RunSettings? run = args.Has("onnx") ? null : RunSettings.Beside(args.String("weights"));
        int? size = args.Has("size") ? args.Int("size", 0) : run?.Size;
        SlidingWindow? window = Tiling(args);
        MeanStd meanStd = Normalization(args.String("normalize") ?? run?.Normalize);
        IReadOnlyList<string> all = PredictionInputs.List(args.Required("input"));
        IReadOnlyList<string> images = Sharding.ForEvaluation(all, world.Rank, world.Size);
        string output = args.Required("output");
        Directory.CreateDirectory(output);
        Segment.IO.OutputFiles.Check(Path.Combine(output, Path.GetFileNameWithoutExtension(all[0]) + ".png"));
        var extras = new PredictionExtras(args.Flag("cutout"), args.Flag("overlay"));
        if (args.String("onnx") is { } onnx)
            return PredictOnnx(args, onnx, images, output, extras, size, window);
        if (!args.Has("weights"))
            throw new UsageException("predict needs --weights (and --model unless the weights come with a run's run.json), or --onnx MODEL.onnx");

        Device device = Networks.Device(args);
        string? compat = args.String("compat");
        if (compat is not null && compat != RembgPrediction.Name)
            throw new UsageException($"--compat takes rembg, got '{compat}'");
        // rembg's pipeline is TorchSharp's own; every other prediction goes through the chosen engine's predictor.
        InferenceEngine engine = compat is null ? InferenceEngines.Choose(args, device) : InferenceEngine.TorchSharp;
        if (compat is not null && args.String("engine") == "onnxruntime")
            throw new UsageException("--compat rembg runs on TorchSharp: drop --engine onnxruntime");
        using ISegmentationNetwork network = Networks.Create(RunSettings.ModelName(args, run, "predict"));
        string weights = args.Required("weights");
        Networks.LoadWeights(network, weights);
        PredictionPlan plan = Plan(network, meanStd, size);
        if (window is not null)
            CheckTiling(window, network);
        if (compat is not null)
        {
            RembgPrediction.Check(args, network);
            Networks.AsModule(network).to(device);
            using var torchSharp = new TorchSharpPredictor(network, device);
            foreach (string path in images)
                ListWritten(path, RembgPrediction.PredictFile(torchSharp, path, output, extras));
            return 0;
        }

        // A plan with one size for every image (U²-Net's 320 x 320, whole images) gives ONNX Runtime a static graph; predict
        // runs one image (or tile) at a time, so the batch is static too.
        (int, int)? oneSize = window is null ? plan.OneInputSize : null;
        PredictionParallelism parallelism = PredictionParallelism.Choose(engine, network, oneSize, threads, images.Count, tiled: window is not null);
        using ISegmentationPredictor predictor = Predictors.Open(engine, network, weights, device, meanStd, parallelism.ThreadsPerRun, oneSize, batch: 1);
        if (parallelism.Streams > 1)
            Report(parallelism);
        // Decoding, inference and PNG writing overlap; files are written and listed in input order.
        PredictionPipeline.Run(images,
            path => Prepare(plan, path),
            input => Probabilities(predictor, input, window),
            (path, original, input, probabilities) => PredictionFiles.Write(output, Path.GetFileNameWithoutExtension(path), original, probabilities, predictor.Classes, input.Height, input.Width, extras),
            ListWritten,
            parallelism.Streams);
        return 0;
    }

    /// <summary>
    /// One image through a predictor (TorchSharp or ONNX Runtime) into its PNGs (the same files the --onnx path writes);
    /// with a <paramref name="window"/> the prepared image runs as blended tiles.
    /// </summary>
    public static IReadOnlyList<string> PredictFile(ISegmentationPredictor predictor, PredictionPlan plan, string path, string output, PredictionExtras extras, SlidingWindow? window = null)
    {
        (RgbImage original, RgbImage input) = Prepare(plan, path);
        float[] probabilities = Probabilities(predictor, input, window);
        return PredictionFiles.Write(output, Path.GetFileNameWithoutExtension(path), original, probabilities, predictor.Classes, input.Height, input.Width, extras);
    }

    /// <summary>The image as decoded (for the PNGs) and as the network takes it.</summary>
    public static (RgbImage Original, RgbImage Input) Prepare(PredictionPlan plan, string path)
    {
        RgbImage original = ImageDecoding.ReadRgb(path);
        return (original, plan.Prepare(original));
    }

    /// <summary>The probability planes of one prepared image, whole or, with a <paramref name="window"/>, as blended tiles.</summary>
    public static float[] Probabilities(ISegmentationPredictor predictor, RgbImage input, SlidingWindow? window) =>
        window is null ? Probabilities(predictor, input) : window.Run(input, predictor.Classes, tile => Probabilities(predictor, tile));

    /// <summary>The predictor's probability planes on one prepared image.</summary>
    public static float[] Probabilities(ISegmentationPredictor predictor, RgbImage input) => predictor.Probabilities(input);

    // The deployment path: Segment.Deploy's OnnxSegmenter, ONNX Runtime and Segment.Imaging only.
    private static int PredictOnnx(ParsedArgs args, string model, IReadOnlyList<string> images, string output, PredictionExtras extras, int? size, SlidingWindow? window)
    {
        if (args.Has("engine"))
            throw new UsageException("--engine goes with --model/--weights; --onnx always runs in ONNX Runtime");
        if (args.Has("model") || args.Has("weights") || args.Has("device") || args.Has("normalize") || args.Has("compat"))
            throw new UsageException("--onnx runs the model as exported (its weights, normalisation and CPU): drop --model, --weights, --device, --normalize and --compat");
        int? threads = args.Has("threads") ? args.Int("threads", 1) : null;
        if (threads > Environment.ProcessorCount)
            throw new UsageException($"--threads {threads} is more than this machine's {Environment.ProcessorCount} logical cores (give 1 to {Environment.ProcessorCount})");
        var segmenter = new Segment.Deploy.OnnxSegmenter(model, threads);
        try
        {
            if (window is not null)
            {
                try
                {
                    segmenter.CheckTiling(window);
                }
                catch (InvalidOperationException e)
                {
                    throw new UsageException("--tile: " + e.Message);
                }
            }
            // The model's size is known once it is loaded; several images at once need its session on one thread each.
            PredictionParallelism parallelism = PredictionParallelism.Choose(segmenter.Plan(size).OneInputSize, threads, images.Count, tiled: window is not null);
            if (parallelism.Streams > 1)
            {
                segmenter.Dispose();
                segmenter = new Segment.Deploy.OnnxSegmenter(model, parallelism.ThreadsPerRun);
                Report(parallelism);
            }
            segmenter.PredictFiles(images, output, extras, size, window, ListWritten, parallelism.Streams);
        }
        finally
        {
            segmenter.Dispose();
        }
        return 0;
    }

    // predict's stdout: one line per image, in input order, naming the files written for it.
    private static void ListWritten(string path, IReadOnlyList<string> written) => Console.Out.WriteLine($"{path} -> {string.Join(", ", written)}");

    private static void Report(PredictionParallelism parallelism) =>
        Console.Error.WriteLine($"predict: {parallelism.Streams} images at once, {parallelism.ThreadsPerRun} thread{(parallelism.ThreadsPerRun == 1 ? "" : "s")} each");

    /// <summary>--tile and --overlap as typed (checked before any work); null without --tile.</summary>
    public static SlidingWindow? Tiling(ParsedArgs args)
    {
        if (!args.Has("tile"))
        {
            if (args.Has("overlap"))
                throw new UsageException("--overlap goes with --tile N");
            return null;
        }
        int tile = args.Int("tile", 0);
        string text = args.String("overlap") ?? "0.25";
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double overlap) || !(overlap >= 0 && overlap < 1))
            throw new UsageException($"--overlap is a fraction of the tile from 0 to below 1, got '{text}'");
        return new SlidingWindow(tile, overlap);
    }

    /// <summary>Only a network that takes any size (UNet, UNet++) runs in tiles, of a side its poolings divide exactly.</summary>
    public static void CheckTiling(SlidingWindow window, ISegmentationNetwork network)
    {
        if (network.Family is not (NetworkFamily.UNet or NetworkFamily.UNetPlusPlus) || network.FixedInputSize is not null)
            throw new UsageException($"--tile is for the networks that take any size (UNet, UNet++); '{network.Name}' runs whole");
        int multiple = network.MinimumInputSize;
        if (window.Tile % multiple != 0)
            throw new UsageException($"--tile {window.Tile} must be a multiple of {multiple}, the size {network.Name}'s poolings divide exactly (e.g. {Math.Max(multiple, window.Tile / multiple * multiple)})");
    }

    /// <summary>How the network runs on an image: U²-Net at 320 x 320 (its seed's evaluation), the UNets at the image's size.</summary>
    public static PredictionPlan Plan(ISegmentationNetwork network, MeanStd meanStd, int? size) =>
        PredictionPlan.ForFamily(network.Family.ToString(), network.Classes, meanStd, size, network.MinimumInputSize, network.FixedInputSize);

    /// <summary>--normalize: the statistics the network was trained with.</summary>
    public static MeanStd Normalization(string? name) => name switch
    {
        null or "imagenet" => MeanStd.ImageNet,
        "drive" => MeanStd.Drive,
        _ => throw new UsageException($"--normalize must be imagenet or drive, got '{name}'"),
    };
}
