using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Segment.Cli.Training;
using Segment.Runtime.NN;
using Segment.Cli.Inference;
using Segment.Runtime.Onnx;
using Segment.Runtime.Onnx.Quantization;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment export --model NAME [--weights W.pth] --output M.onnx [--opset N] [--dynamic] [--size HxW] [--no-fold]
/// [--outputs probabilities|all] [--head K]</c>: writes the network's generated ONNX export (eval mode, current weights
/// as initializers; output 0 the probabilities). The model goes to a temporary file renamed over the output, so a
/// failure never leaves a partial model. A UNet++ export also prints its parameters and multiply-adds, and with
/// --head those of the full network beside them.
/// </summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";
    public string Description => "write a network as an ONNX model (for ONNX Runtime)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names) + " (default: the run's, from run.json beside the weights)"),
        new("weights", "PyTorch state_dict (.pth); without it the freshly initialised weights are exported"),
        new("output", "the .onnx file to write", Required: true),
        new("opset", $"ONNX opset, {OnnxOpset.Min} to {OnnxOpset.Max} (default {OnnxOpset.Default}, as the seeds' export)"),
        new("dynamic", "symbolic batch, and height/width unless the network fixes its input size", IsFlag: true),
        new("size", $"static input HxW (default: the network's fixed size, else the run's size, else {OnnxExportOptions.DefaultSize}x{OnnxExportOptions.DefaultSize})", Max: int.MaxValue),
        new("no-fold", "keep BatchNormalization nodes instead of folding them into the convolutions", IsFlag: true),
        new("outputs", "probabilities (default: the one output an application reads) or all (then the logits and every side / aux / head output)"),
        new("head", "UNet++ with deep supervision: export the network pruned to heads 1..K (default: every head, probabilities of the deepest)"),
        new("quantize", "int8: a QDQ model ONNX Runtime runs with int8 kernels (weights per channel, activations from --calibrate); needs opset 13 (the default with it)"),
        new("calibrate", "with --quantize: the dataset whose train split calibrates the activations and whose val split measures int8 against fp32"),
        new("layout", "with --calibrate: duts, drive, voc or folder (default: the run's)"),
        new("calibration-images", "with --calibrate: train images to calibrate on (default 64)"),
        new("eval-images", "with --calibrate: val images to measure on (default 200)"),
        Networks.ThreadsOption("ONNX Runtime's, for calibration and measuring (default one per physical core)"),
    ];

    public int Run(ParsedArgs args)
    {
        // Everything the user typed is checked before the (slow) network is built.
        bool quantize = args.String("quantize") switch
        {
            null => false,
            "int8" => true,
            string other => throw new UsageException($"--quantize must be int8, got '{other}'"),
        };
        if (!quantize && (args.Has("calibrate") || args.Has("calibration-images") || args.Has("eval-images") || args.Has("layout")))
            throw new UsageException("--calibrate, --layout, --calibration-images and --eval-images go with --quantize int8");
        int opset = args.Int("opset", quantize ? QdqQuantizer.MinimumOpset : OnnxOpset.Default);
        if (quantize && opset < QdqQuantizer.MinimumOpset)
            throw new UsageException($"--quantize int8 needs --opset {QdqQuantizer.MinimumOpset} or later (per-channel DequantizeLinear), got {opset}");
        if (quantize && args.Flag("no-fold"))
            throw new UsageException("--quantize int8 quantizes the convolutions with their BatchNorm folded in: drop --no-fold");
        if (opset < OnnxOpset.Min || opset > OnnxOpset.Max)
            throw new UsageException($"--opset {opset} is not supported: the exporter writes ONNX opsets {OnnxOpset.Min} to {OnnxOpset.Max}");
        bool dynamic = args.Flag("dynamic");
        (int H, int W)? size = args.Size("size");
        if (dynamic && size is not null)
            throw new UsageException("--size fixes the input size and --dynamic makes it symbolic: give one of them");
        string output = args.Required("output");
        Segment.IO.OutputFiles.Check(output);
        OnnxOutputs outputs = (args.String("outputs") ?? "probabilities") switch
        {
            "probabilities" => OnnxOutputs.Probabilities,
            "all" => OnnxOutputs.All,
            string other => throw new UsageException($"--outputs must be probabilities or all, got '{other}'"),
        };
        int? head = args.Has("head") ? args.Int("head", 0, minimum: 1) : null;
        int calibrationImages = args.Int("calibration-images", 64, minimum: 1);
        int evalImages = args.Int("eval-images", 200, minimum: 1);
        int? threads = args.Has("threads") ? Networks.ApplyThreads(args, fallback: null) : null;

        string? weights = args.String("weights");
        RunSettings? run = RunSettings.Beside(weights);
        if (size is null && !dynamic && run?.Size is int runSize)
            size = (runSize, runSize);
        DataSetup? calibrationData = null;
        if (quantize)
        {
            string? layout = args.String("layout") ?? run?.Layout;
            string root = args.String("calibrate") ?? throw new UsageException("--quantize int8 needs --calibrate DATA (a dataset folder, with --layout)");
            if (layout is null)
                throw new UsageException("--calibrate needs --layout (duts, drive, voc or folder), or weights from a run folder with its run.json");
            // The calibration images are prepared at the export's own size, which a static model requires.
            calibrationData = DataSetup.Parse(layout, root, dynamic ? null : size?.H);
        }
        using ISegmentationNetwork network = Networks.Create(RunSettings.ModelName(args, run, "export"));
        if (weights is not null)
            Networks.LoadWeights(network, weights);

        var options = new OnnxExportOptions
        {
            Opset = opset,
            DynamicBatch = dynamic,
            // A network whose [Input] fixes H x W has nothing to make dynamic but the batch.
            DynamicSize = dynamic && network.FixedInputSize is null,
            Height = size?.H,
            Width = size?.W,
            FoldBatchNorm = !args.Flag("no-fold"),
            // The statistics the run was trained with (or the calibration data is normalised with), in the model's metadata for the predictor that reads it.
            InputMean = network.InputChannels != 3 ? null : run is not null ? PredictCommand.Normalization(run.Normalize).Mean : calibrationData?.MeanStd.Mean,
            InputStd = network.InputChannels != 3 ? null : run is not null ? PredictCommand.Normalization(run.Normalize).Std : calibrationData?.MeanStd.Std,
            Outputs = outputs,
            Head = head,
        };
        OnnxGraphBuilder graph;
        Int8Export.Result? int8 = null;
        try
        {
            graph = network.BuildOnnx(options);
            if (calibrationData is null)
                graph.Save(output);
            else
            {
                int8 = Int8Export.Run(network, graph.ToBytes(), calibrationData, calibrationImages, evalImages, threads);
                Segment.IO.OutputFiles.Write(output, stream => stream.Write(int8.Model.Bytes));
            }
        }
        catch (NotSupportedException e)
        {
            throw new UsageException(e.Message);
        }

        (int Height, int Width)? fixedSize = network.FixedInputSize;
        string h = options.DynamicSize ? "height" : (size?.H ?? fixedSize?.Height ?? OnnxExportOptions.DefaultSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string w = options.DynamicSize ? "width" : (size?.W ?? fixedSize?.Width ?? OnnxExportOptions.DefaultSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Console.Out.WriteLine($"{output}: {network.Name}, ONNX opset {opset}, input [{(dynamic ? "batch" : "1")}, {network.InputChannels}, {h}, {w}], " +
                              $"{new FileInfo(output).Length:N0} bytes{(weights is null ? " (initial weights: pass --weights for trained ones)" : "")}");
        Console.Out.WriteLine($"outputs: {string.Join(", ", graph.OutputNames)}");
        if (int8 is not null)
        {
            Console.Out.WriteLine($"int8: {int8.Model.Convolutions} convolutions (weights int8 per output channel) and {int8.Model.Activations} activations (uint8 per tensor, calibrated on {int8.CalibrationImages} {int8.CalibrationSplit} images) in QDQ form");
            Console.Out.WriteLine($"accuracy on {int8.Int8.Images} {int8.EvaluationSplit} images: int8 {Int8Export.Accuracy(int8.Int8, int8.Fp32)}");
        }
        if (Cost(graph) is { } cost)
        {
            // Pruned: the full network's figures beside the pruned one's, from an export of every head (never saved).
            (long Parameters, long? MultiplyAdds)? full = head is null ? null : Cost(network.BuildOnnx(options with { Head = null }));
            Console.Out.WriteLine(head is null
                ? $"cost: {CostText(cost)}"
                : $"cost of heads 1..{head}: {CostText(cost)}; the full network: {CostText(full!.Value)}");
        }
        return 0;
    }

    /// <summary>The parameters and multiply-adds a UNet++ export records in its metadata (multiply-adds only at a static size); null for other families.</summary>
    private static (long Parameters, long? MultiplyAdds)? Cost(OnnxGraphBuilder graph)
    {
        var metadata = graph.Metadata.ToDictionary(e => e.Key, e => e.Value);
        if (!metadata.TryGetValue(OnnxMetadataKeys.Parameters, out string? parameters))
            return null;
        long? macs = metadata.TryGetValue(OnnxMetadataKeys.MultiplyAdds, out string? m) ? long.Parse(m, CultureInfo.InvariantCulture) : null;
        return (long.Parse(parameters, CultureInfo.InvariantCulture), macs);
    }

    private static string CostText((long Parameters, long? MultiplyAdds) cost) =>
        string.Create(CultureInfo.InvariantCulture, $"{cost.Parameters:N0} parameters") +
        (cost.MultiplyAdds is long macs ? string.Create(CultureInfo.InvariantCulture, $", {macs / 1e9:F2} G multiply-adds") : "");
}
