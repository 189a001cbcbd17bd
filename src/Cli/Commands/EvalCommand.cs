using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Cli.Inference;
using Segment.Cli.Training;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;
using Segment.Runtime.Training;
using Spectre.Console;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment eval --weights W [--model NAME --data DIR --layout L] [--size N] [--split val] [--json]</c>: the family's
/// metrics on a split, each image measured at its ground truth's own resolution (predictions resized back
/// bilinearly): U2Net MAE and max F-measure (beta^2 = 0.3, 255 thresholds); UNet / UNet++ Dice without the
/// background, mIoU, per-class IoU and global accuracy, ignored pixels left out. --json prints one JSON object.
/// Weights from a run folder bring its run.json: the model, data, layout and size default to the run's.
/// Under mpirun each rank measures every N-th image and rank 0 prints the combined figures (those of one process).
/// </summary>
public sealed class EvalCommand : ICommand
{
    public string Name => "eval";
    public string Description => "measure a trained network on a dataset split (MAE / max F, or Dice / mIoU)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names) + " (default: the run's, from run.json beside the weights)"),
        new("weights", "PyTorch state_dict (.pth), e.g. RUN/best.pth", Required: true),
        new("data", "the dataset's root folder (default: the run's)"),
        new("layout", "duts, drive, voc or folder (default: the run's)"),
        new("split", "the split to measure (default val: DUTS-TE, DRIVE test, VOC val.txt)"),
        new("size", TrainCommand.SizeHelp + " (default: the run's)"),
        new("json", "print one JSON object (mae, max_f or dice, miou, accuracy, per_class_iou)", IsFlag: true),
        new("workers", "decoding threads (default 2)"),
        InferenceEngines.Option,
        Networks.ThreadsOption("libtorch's, or ONNX Runtime's one per physical core"),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        ICommunicator world = Communicators.World;
        int? threads = Networks.ApplyThreads(args, fallback: null);
        Device device = Networks.Device(args);
        InferenceEngine engine = InferenceEngines.Choose(args, device);
        string weights = args.Required("weights");
        RunSettings? run = RunSettings.Beside(weights);
        int? size = args.Has("size") ? args.Int("size", 0) : run?.Size;
        string? layout = args.String("layout") ?? (args.Has("data") ? null : run?.Layout);
        string? root = args.String("data") ?? (args.Has("layout") ? null : run?.Data);
        if (layout is null || root is null)
            throw new UsageException("eval needs --data and --layout (or weights from a run folder with its run.json)");
        DataSetup data = DataSetup.Parse(layout, root, size);
        using ISegmentationNetwork network = Networks.Create(RunSettings.ModelName(args, run, "eval"));
        Networks.LoadWeights(network, weights);
        var dataset = data.Open(network, args.String("split") ?? "val");
        var evaluator = Evaluator.For(dataset, data.EvalTransform(network), args.Int("workers", 2), world);
        // The data transform normalises the images; the export records the same statistics in its metadata.
        using ISegmentationPredictor predictor = Predictors.Open(engine, network, weights, device, data.MeanStd, threads);
        EvaluationResult result = evaluator.Evaluate(predictor);
        if (!world.IsWriter())
            return 0;
        if (args.Flag("json"))
        {
            Console.Out.WriteLine(result.ToJson());
            return 0;
        }
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach ((string name, string value) in Rows(result))
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        AnsiConsole.Write(table);
        return 0;
    }

    private static IEnumerable<(string, string)> Rows(EvaluationResult r)
    {
        string F(double? v) => v is double d ? d.ToString("F4", CultureInfo.InvariantCulture) : "-";
        yield return ("images", r.Images.ToString(CultureInfo.InvariantCulture));
        if (r.MaxF is not null)
        {
            yield return ("mae", F(r.Mae));
            yield return ("max_f", F(r.MaxF));
            yield break;
        }
        yield return ("dice", F(r.Dice));
        yield return ("miou", F(r.MeanIou));
        yield return ("accuracy", F(r.Accuracy));
        if (r.PerClassIou is { } iou)
            for (int k = 0; k < iou.Count; k++)
                yield return ($"iou[{k}]", F(iou[k]));
    }
}
