using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Segment.Imaging.Data;
using Segment.Runtime.NN;
using Segment.Runtime.Training;

namespace Segment.Cli.Training;

/// <summary>
/// One `train` run, shared by the train command and the demo: opens the splits, trains with the display, keeps
/// Ctrl+C for a clean stop after the current step (leaving a resumable last.pth), validates each epoch, and writes
/// the report. Returns what happened and where.
/// </summary>
public static class TrainingRun
{
    public sealed record Outcome(TrainingResult Result, string Report, EvaluationResult? Final, TimeSpan Elapsed);

    public static Outcome Execute(ISegmentationNetwork network, TrainingOptions options, DataSetup data, string runFolder, string? resume, int workers, int reportSamples = 8)
    {
        Directory.CreateDirectory(runFolder);
        foreach (string file in new[] { "last.pth", "best.pth", "metrics.jsonl", RunReport.FileName, RunSettings.FileName })
            Segment.IO.OutputFiles.Check(Path.Combine(runFolder, file));
        if (resume is not null)
            Segment.IO.InputFiles.RequireRegular(resume, "resume checkpoint");
        // Before any image is decoded: a crop whose training step cannot fit is refused in one line, not by libtorch's allocator.
        int crop = data.TrainCrop(network);
        MemoryBudget.ThrowIfTooLargeToTrain(network, [options.BatchSize, network.InputChannels, crop, crop]);
        // Written first, so eval / predict / export on this run's weights find it even after a stopped run.
        RunSettings settings = RunSettings.Of(network, data);
        settings.Write(runFolder);

        Dataset train = data.Open(network, "train");
        Dataset? val = TryOpen(data, network, "val");
        Console.Out.WriteLine($"data: {train.Count} training images{(val is null ? " (no val split: best.pth follows the training loss)" : $", {val.Count} validation images")} ({data.Layout.ToString().ToLowerInvariant()} at {data.Root})");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops after the current step; a second one ends the process as usual.
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
            Console.Error.WriteLine("stopping after this step (Ctrl+C again to abort)...");
        };
        Console.CancelKeyPress += onCancel;
        var clock = Stopwatch.StartNew();
        try
        {
            var display = new TrainingDisplay();
            Evaluator? evaluator = val is null ? null : Evaluator.For(val, data.EvalTransform(network), workers);
            using var trainer = new Trainer(network, options, runFolder) { Progress = display, EpochDone = display };
            TrainingResult result = display.Run(() => trainer.Run(BatchSource.Training(train, data.TrainTransform(network), options, workers), evaluator, resume, cancel.Token));
            TimeSpan trained = clock.Elapsed;
            var samples = evaluator?.Samples(network, trainer.Device, reportSamples) ?? [];
            EvaluationResult? final = result.Epochs.Count > 0 ? result.Epochs[^1].Validation : null;
            string report = RunReport.Write(runFolder, network, Configuration(settings, options, resume), samples, data.MeanStd,
                [new("training", trained), new("total", clock.Elapsed)]);
            return new Outcome(result, report, final, clock.Elapsed);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static Dataset? TryOpen(DataSetup data, ISegmentationNetwork network, string split)
    {
        try
        {
            return data.Open(network, split);
        }
        catch (Segment.Imaging.DataFileException) when (data.Layout == DatasetLayout.Folder)
        {
            return null;   // a plain folder may have no val/ part; the other layouts always name one
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Configuration(RunSettings run, TrainingOptions o, string? resume)
    {
        string F(double v) => Segment.Imaging.Report.NumberText.Format(v);
        var rows = new List<KeyValuePair<string, string>>
        {
            new("model", run.Model),
            new("data", $"{run.Data} ({run.Layout})"),
            new("validation data", run.ValidationData ?? "the data's val split"),
            new("size", run.Size is int size ? $"{size} x {size}" : "each image's own"),
            new("training crop", $"{run.Crop} x {run.Crop}"),
            new("normalize", run.Normalize),
            new("epochs", o.Epochs.ToString(CultureInfo.InvariantCulture)),
            new("batch size", o.BatchSize.ToString(CultureInfo.InvariantCulture)),
            new("optimizer", $"{o.Optimizer} (lr {F(o.LearningRate)}, weight decay {F(o.WeightDecay)})"),
            new("schedule", $"{TrainingNames.Name(o.Schedule)}, {o.WarmupEpochs} warmup epoch(s)"),
            new("seed", o.Seed.ToString(CultureInfo.InvariantCulture)),
            new("device", o.Device),
        };
        if (resume is not null)
            rows.Add(new("resumed from", resume));
        return rows;
    }
}
