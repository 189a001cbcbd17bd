using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Segment.Cli.Training;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;

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
    ];

    public int Run(ParsedArgs args)
    {
        // Everything the user typed is checked before the (slow) network is built.
        int opset = args.Int("opset", OnnxOpset.Default);
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

        string? weights = args.String("weights");
        RunSettings? run = RunSettings.Beside(weights);
        if (size is null && !dynamic && run?.Size is int runSize)
            size = (runSize, runSize);
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
            // The statistics the run was trained with, in the model's metadata for the predictor that reads it.
            InputMean = run is null || network.InputChannels != 3 ? null : PredictCommand.Normalization(run.Normalize).Mean,
            InputStd = run is null || network.InputChannels != 3 ? null : PredictCommand.Normalization(run.Normalize).Std,
            Outputs = outputs,
            Head = head,
        };
        OnnxGraphBuilder graph;
        try
        {
            graph = network.BuildOnnx(options);
            graph.Save(output);
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
