using System;
using System.Collections.Generic;
using System.IO;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment export --model NAME [--weights W.pth] --output M.onnx [--opset N] [--dynamic] [--size HxW] [--no-fold]</c>:
/// writes the network's generated ONNX export (eval mode, current weights as initializers). The
/// model goes to a temporary file renamed over the output, so a failure never leaves a partial model.
/// </summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";
    public string Description => "write a network as an ONNX model (for ONNX Runtime)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("weights", "PyTorch state_dict (.pth); without it the freshly initialised weights are exported"),
        new("output", "the .onnx file to write", Required: true),
        new("opset", $"ONNX opset, {OnnxOpset.Min} to {OnnxOpset.Max} (default {OnnxOpset.Default}, as the seeds' export)"),
        new("dynamic", "symbolic batch, and height/width unless the network fixes its input size", IsFlag: true),
        new("size", $"static input HxW (default: the network's fixed size, else {OnnxExportOptions.DefaultSize}x{OnnxExportOptions.DefaultSize})"),
        new("no-fold", "keep BatchNormalization nodes instead of folding them into the convolutions", IsFlag: true),
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

        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        string? weights = args.String("weights");
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
        };
        try
        {
            network.ExportOnnx(output, options);
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
        return 0;
    }
}
