using System;
using System.Collections.Generic;

namespace Segment.Imaging.Report;

/// <summary>
/// One epoch of a training run as the report plots it: one line of metrics.jsonl
/// (<see cref="MetricsJsonl"/>). Values that were not recorded are <see langword="null"/> rather
/// than 0, so a chart leaves a gap instead of drawing a false point; a diverged run's NaN or
/// infinite loss is kept as it is and left out of the charts' scale.
/// </summary>
/// <param name="Epoch">The epoch number as the trainer counts it (the x axis).</param>
/// <param name="TrainLoss">The mean training loss over the epoch.</param>
/// <param name="LearningRate">The learning rate at the end of the epoch, where recorded.</param>
/// <param name="Seconds">The epoch's wall-clock time (training and validation), where recorded.</param>
/// <param name="Validation">Validation metrics by name (<c>mae</c>, <c>max_f</c>, <c>dice</c>, <c>miou</c>, <c>accuracy</c>, ...); empty on epochs without validation.</param>
public sealed record EpochRow(
    int Epoch,
    double? TrainLoss,
    double? LearningRate,
    double? Seconds,
    IReadOnlyDictionary<string, double> Validation)
{
    /// <summary>A row without validation metrics.</summary>
    public EpochRow(int epoch, double? trainLoss, double? learningRate = null, double? seconds = null)
        : this(epoch, trainLoss, learningRate, seconds, new Dictionary<string, double>())
    {
    }

    public IReadOnlyDictionary<string, double> Validation { get; init; } =
        Validation ?? throw new ArgumentNullException(nameof(Validation));
}
