using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segment.Runtime.Training;

/// <summary>
/// One line of RUN/metrics.jsonl: the epoch (1-based), its mean training loss over its batches, the
/// learning rate of its last step, the validation metrics (null when the epoch was not validated),
/// and its wall-clock seconds (training and validation; for a resumed epoch, the resumed part only).
/// </summary>
public sealed record EpochRecord(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("val")] EvaluationResult? Validation,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    public string ToJson() => JsonSerializer.Serialize(this, EvaluationResult.Json);
}
