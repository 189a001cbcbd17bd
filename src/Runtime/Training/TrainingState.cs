using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Runtime.Serialization;

namespace Segment.Runtime.Training;

/// <summary>
/// Where a run stands, as the resume sidecar stores it: a flat dict of 0-d tensors (<c>trainer.*</c>) next
/// to the optimizer's tensors (<see cref="OptimizerStates"/>), so <c>torch.load</c> reads the file too.
/// The position is (<see cref="Epoch"/>, <see cref="StepInEpoch"/>): a run cancelled mid-epoch resumes at
/// the next batch of the same epoch (the loader's order is fixed by seed and epoch), so a resumed run
/// takes the same steps as an uninterrupted one. The learning rate is a function of
/// <see cref="GlobalStep"/> (<see cref="LearningRates"/>), so the schedule needs nothing more.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Changes when the sidecar's meaning changes.</summary>
    public const long Format = 1;

    /// <summary>The epoch in progress (0-based); equals the epochs done when <see cref="StepInEpoch"/> is 0.</summary>
    public int Epoch { get; init; }

    /// <summary>Batches of <see cref="Epoch"/> already trained.</summary>
    public int StepInEpoch { get; init; }

    /// <summary>Optimizer steps over the whole run: the schedule's position.</summary>
    public long GlobalStep { get; init; }

    public int StepsPerEpoch { get; init; }

    /// <summary>The seed the run (and its loader) started with.</summary>
    public int Seed { get; init; }

    public OptimizerKind Optimizer { get; init; }

    /// <summary>Sum of the batch losses of <see cref="Epoch"/> so far and their count (the epoch's mean train loss survives a resume).</summary>
    public double EpochLossSum { get; init; }

    public int EpochLossCount { get; init; }

    /// <summary>The best validation score so far (NaN before any) and its epoch (1-based; 0 before any).</summary>
    public double BestScore { get; init; } = double.NaN;

    public int BestEpoch { get; init; }

    internal List<KeyValuePair<string, Tensor>> ToTensors() =>
    [
        new("trainer.format", torch.tensor(Format)),
        new("trainer.epoch", torch.tensor((long)Epoch)),
        new("trainer.step_in_epoch", torch.tensor((long)StepInEpoch)),
        new("trainer.global_step", torch.tensor(GlobalStep)),
        new("trainer.steps_per_epoch", torch.tensor((long)StepsPerEpoch)),
        new("trainer.seed", torch.tensor((long)Seed)),
        new("trainer.optimizer", torch.tensor((long)Optimizer)),
        new("trainer.epoch_loss_sum", torch.tensor(EpochLossSum)),
        new("trainer.epoch_loss_count", torch.tensor((long)EpochLossCount)),
        new("trainer.best_score", torch.tensor(BestScore)),
        new("trainer.best_epoch", torch.tensor((long)BestEpoch)),
    ];

    internal static TrainingState FromTensors(IReadOnlyDictionary<string, Tensor> d, string file)
    {
        Tensor Get(string key) => d.TryGetValue("trainer." + key, out Tensor? t)
            ? t
            : throw new InvalidDataException($"{file}: no trainer.{key}: not a resume state written by segment train");
        long Long(string key) => Get(key).numel() == 1
            ? Get(key).ToInt64()
            : throw new InvalidDataException($"{file}: trainer.{key} holds {Get(key).numel()} values, not one");
        // Every count is a non-negative int: a file claiming epoch 2^40 is bad input, not an overflow.
        int Count(string key) => Long(key) is long v and >= 0 and <= int.MaxValue
            ? (int)v
            : throw new InvalidDataException($"{file}: trainer.{key} is {Long(key)}, outside 0..{int.MaxValue}");
        if (Long("format") != Format)
            throw new InvalidDataException($"{file}: resume state format {Long("format")}, this version reads {Format}");
        long optimizer = Long("optimizer");
        if (!Enum.IsDefined(typeof(OptimizerKind), (int)Math.Clamp(optimizer, int.MinValue, int.MaxValue)) || optimizer is < int.MinValue or > int.MaxValue)
            throw new InvalidDataException($"{file}: trainer.optimizer is {optimizer}, not an optimizer this version writes");
        long globalStep = Long("global_step");
        if (globalStep < 0)
            throw new InvalidDataException($"{file}: trainer.global_step is {globalStep}, a negative step count");
        return new TrainingState
        {
            Epoch = Count("epoch"),
            StepInEpoch = Count("step_in_epoch"),
            GlobalStep = globalStep,
            StepsPerEpoch = Count("steps_per_epoch"),
            Seed = Count("seed"),
            Optimizer = (OptimizerKind)optimizer,
            EpochLossSum = Get("epoch_loss_sum").ToDouble(),
            EpochLossCount = Count("epoch_loss_count"),
            BestScore = Get("best_score").ToDouble(),
            BestEpoch = Count("best_epoch"),
        };
    }

    /// <summary>
    /// Writes the weights and the resume state as one set (<see cref="Segment.IO.OutputFiles.WriteAll"/>: both
    /// temporaries are complete before either replaces its target), so a failed write leaves the previous pair.
    /// </summary>
    internal static void SavePair(string weights, torch.nn.Module module, TrainingState state, torch.optim.Optimizer optimizer)
    {
        using var scope = torch.NewDisposeScope();
        var resume = state.ToTensors();
        resume.AddRange(OptimizerStates.ToTensors(optimizer));
        Segment.IO.OutputFiles.WriteAll(
        [
            (weights, TorchCheckpoint.Writer(StateDicts.Ordered(module))),
            (RunFiles.SidecarOf(weights), TorchCheckpoint.Writer(resume)),
        ]);
    }
}
