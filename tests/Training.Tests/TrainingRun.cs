using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Segment.Examples.Networks;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.Runtime.Training;
using Segment.TestSupport;

namespace Segment.Training.Tests;

/// <summary>
/// Runs u2net-small4 (64 x 64, the smallest example U²-Net) on a tiny DUTS tree: 6 training images of 72 x 72
/// (resized to 72, cropped to 64, flipped), batch 2, so 3 steps per epoch; 3 validation images at other sizes.
/// Each run builds a fresh network from its own init seed, so a resumed run's weights come from the checkpoint.
/// </summary>
internal sealed class TrainingRun
{
    public const string Model = "u2net-small4";
    public const int Epochs = 3, StepsPerEpoch = 3;

    public TrainingRun()
    {
        Root = TinyDuts.Write(train: 6, val: 3, trainSize: 72, valSizes: [(80, 60), (64, 64), (70, 90)]);
        TrainSet = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, Root) { Split = "train" });
        ValSet = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, Root) { Split = "val" });
        using ISegmentationNetwork network = GeneratedNetworks.Create(Model);
        Initial = Copy(network);
    }

    /// <summary>
    /// The weights every compared run starts from, captured once: torch's global generator is shared with the
    /// test classes running in parallel, so a manual_seed before construction would not fix them.
    /// </summary>
    public Dictionary<string, Tensor> Initial { get; }

    public string Root { get; }
    public Dataset TrainSet { get; }
    public Dataset ValSet { get; }

    public static TrainingOptions Options => TrainingOptions.U2Net with
    {
        Epochs = Epochs, BatchSize = 2, WarmupEpochs = 1, LearningRate = 3e-3, Seed = 7,
    };

    public IBatchSource Loader() => BatchSource.From(new SegmentationLoader(TrainSet, TransformPresets.U2NetTrain(resize: 72, crop: 64),
        new LoaderOptions { BatchSize = 2, Seed = Options.Seed, DropLast = true, Workers = 1, Prefetch = 1 }));

    public Evaluator Validation() => Evaluator.For(ValSet, TransformPresets.U2NetEval(resize: 64), workers: 1);

    /// <summary>
    /// Trains in <paramref name="folder"/> from <see cref="Initial"/>, or (<paramref name="fromInitial"/> false) from
    /// the constructor's random weights; returns the result and the trained weights (copies).
    /// </summary>
    public (TrainingResult Result, Dictionary<string, Tensor> Weights) Train(string folder, bool fromInitial, string? resumeFrom = null,
        Func<CancellationTokenSource, IProgress<TrainingProgress>>? onStep = null, Func<CancellationTokenSource, IProgress<EpochRecord>>? onEpoch = null)
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create(Model);
        if (fromInitial)
            StateDicts.Load((torch.nn.Module)network, Initial);
        using var cancel = new CancellationTokenSource();
        using var trainer = new Trainer(network, Options, folder) { Progress = onStep?.Invoke(cancel), EpochDone = onEpoch?.Invoke(cancel) };
        TrainingResult result = trainer.Run(Loader(), Validation(), resumeFrom, cancel.Token);
        return (result, Copy(network));
    }

    private static Dictionary<string, Tensor> Copy(ISegmentationNetwork network) =>
        StateDicts.Ordered((torch.nn.Module)network).ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    public static string NewFolder(string name) => RepoPaths.NewTempDirectory("run-" + name);
}
