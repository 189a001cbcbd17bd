using System;
using System.Collections.Generic;
using System.Globalization;
using Segment.Cli.Training;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;
using Segment.Runtime.Training;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment train --model NAME --data DIR --layout duts|drive|voc|folder --out RUN [...]</c>: trains on a dataset on
/// disk with the family's seed recipe (docs/training.md), validating each epoch on the val split, and leaves in RUN
/// last.pth and best.pth (PyTorch state_dicts), last.train.pth (the resume state), metrics.jsonl and report.html.
/// Ctrl+C stops after the current step with a resumable last.pth; <c>--resume RUN/last.pth</c> continues.
/// Under <c>mpirun -np N</c> it trains data-parallel (docs/distributed.md): --batch-size per rank, only rank 0 prints and writes.
/// </summary>
public sealed class TrainCommand : ICommand
{
    public string Name => "train";
    public string Description => "train a network on a dataset on disk (DUTS, DRIVE, VOC or a plain folder), with a report";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("data", "the dataset's root folder", Required: true),
        new("layout", "duts, drive, voc or folder (docs/data.md)", Required: true),
        new("out", "the run folder (created): checkpoints, metrics.jsonl, report.html", Required: true),
        new("epochs", "epochs (default: the family's seed value: 360 for U2Net, 100 for UNet and UNet++)"),
        new("batch-size", "images per step (default 16 for U2Net and UNet++, 4 for UNet)"),
        new("size", SizeHelp),
        new("crop", "side of the random training crops (default size x 288 / 320, as the seed's 320 / 288; DRIVE 480 of 565)"),
        new("val-data", "validate on this folder (same layout) instead of the data's val split"),
        new("lr", "peak learning rate (default 1e-3 for U2Net and UNet++, 0.01 for UNet)"),
        new("optimizer", "adamw, adam or sgd (default: the family's: adamw, sgd, adam)"),
        new("schedule", "poly, cosine or cosine-annealing (default: the family's: cosine, poly, cosine-annealing)"),
        new("warmup-epochs", "epochs of linear warmup (default 2 for U2Net, 1 for UNet, 0 for UNet++)"),
        new("seed", "seed of the shuffles and augmentations (default 0)"),
        new("workers", "decoding threads ahead of the training step (default 2)"),
        new("resume", "continue a run from its last.pth (last.train.pth beside it)"),
        new("init", "start from these weights (.pth in any supported format: the seeds', official U²-Net, milesial UNet) to fine-tune"),
        new("freeze", "encoder: train only the decoder and heads (the encoder's parameters are not updated; give it again with --resume)"),
        new("sync-bn", "under mpirun: BatchNorm statistics over every rank's batch (torch.nn.SyncBatchNorm)", IsFlag: true),
        Networks.ThreadsOption("libtorch's"),
        Networks.DeviceOption,
    ];

    /// <summary>What --size means in train, eval, predict and demo alike.</summary>
    public const string SizeHelp = "side N of the NxN input the network runs at in evaluation and prediction (default 320 for U2Net; each image's own for UNet / UNet++ and on DRIVE); training resizes to it before cropping";

    public int Run(ParsedArgs args)
    {
        ICommunicator world = Communicators.World;   // MPI_Init under mpirun; a single process otherwise
        Networks.ApplyThreads(args, fallback: null);
        Device device = Networks.Device(args);
        DataSetup data = DataSetup.Parse(args.Required("layout"), args.Required("data"), args.Has("size") ? args.Int("size", 0) : null,
            args.Has("crop") ? args.Int("crop", 0) : null, args.String("val-data"));
        // --seed decides the initial weights too, whatever the number of ranks (rank 0's go to every rank).
        torch.manual_seed(args.Int("seed", 0, minimum: 0));
        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        TrainingOptions options = Recipe(args, network, device);
        FineTuning.Apply(args, network);
        Networks.AsModule(network).to(device);

        TrainingRun.Outcome outcome = TrainingRun.Execute(network, options, data, args.Required("out"), args.String("resume"), args.Int("workers", 2),
            communicator: world, syncBatchNorm: args.Flag("sync-bn"));
        if (!world.IsWriter())
            return outcome.Result.Cancelled ? 130 : 0;
        var files = outcome.Result.Files;
        Console.Out.WriteLine(outcome.Result.Cancelled
            ? $"stopped at epoch {outcome.Result.State.Epoch + 1}, step {outcome.Result.State.StepInEpoch}: resume with --resume {files.Last}"
            : $"trained {options.Epochs} epoch(s) in {outcome.Elapsed.TotalSeconds:F0} s{TrainingDisplay.Validation(outcome.Final)}");
        Console.Out.WriteLine($"weights: {files.Last} (last), {files.Best} (best); metrics: {files.Metrics}; report: {outcome.Report}");
        if (outcome.Gradients is { Steps: > 0 } g)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allreduce: {g.BytesPerStep / 1e6:F2} MB of gradients per step in {g.BucketCount} bucket(s), {g.Elapsed.TotalMilliseconds / g.Steps:F1} ms per step on rank 0 ({g.Steps} steps)"));
        return outcome.Result.Cancelled ? 130 : 0;
    }

    /// <summary>The family's seed recipe (TrainingOptions.For), with what the user gave instead.</summary>
    public static TrainingOptions Recipe(ParsedArgs args, ISegmentationNetwork network, Device device)
    {
        TrainingOptions o = TrainingOptions.For(network);
        try
        {
            if (args.String("optimizer") is { } optimizer)
                o = o with { Optimizer = TrainingNames.ParseOptimizer(optimizer) };
            if (args.String("schedule") is { } schedule)
                o = o with { Schedule = TrainingNames.ParseSchedule(schedule) };
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        o = o with
        {
            Epochs = args.Int("epochs", o.Epochs),
            BatchSize = args.Int("batch-size", o.BatchSize),
            // The recipe's warmup, shortened to leave at least one epoch after it when --epochs is small.
            WarmupEpochs = args.Has("warmup-epochs") ? args.Int("warmup-epochs", 0, minimum: 0) : Math.Min(o.WarmupEpochs, args.Int("epochs", o.Epochs) - 1),
            Seed = args.Int("seed", o.Seed, minimum: 0),
            Device = device.ToString(),
        };
        if (args.String("lr") is { } lr)
        {
            if (!double.TryParse(lr, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate > 0) || double.IsInfinity(rate))
                throw new UsageException($"option '--lr' expects a positive number, got '{lr}'");
            o = o with { LearningRate = rate };
        }
        o.Check();
        return o;
    }
}
