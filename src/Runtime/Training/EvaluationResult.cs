using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segment.Runtime.Training;

/// <summary>
/// Validation metrics at each ground truth's own resolution (docs/training.md). One-class (saliency)
/// networks fill <see cref="Mae"/> and <see cref="MaxF"/> (<c>MaeMaxF</c>); multi-class ones
/// <see cref="Dice"/> (background excluded), <see cref="MeanIou"/>, <see cref="PerClassIou"/> and
/// <see cref="Accuracy"/> (<c>SegmentationMetrics</c>). The JSON keys are lower-case
/// (<c>mae</c>, <c>max_f</c>, <c>dice</c>, <c>miou</c>, <c>accuracy</c>, <c>per_class_iou</c>, <c>images</c>);
/// metrics that do not apply are left out.
/// </summary>
public sealed record EvaluationResult
{
    [JsonPropertyName("images")]
    public long Images { get; init; }

    [JsonPropertyName("mae")]
    public double? Mae { get; init; }

    [JsonPropertyName("max_f")]
    public double? MaxF { get; init; }

    [JsonPropertyName("dice")]
    public double? Dice { get; init; }

    [JsonPropertyName("miou")]
    public double? MeanIou { get; init; }

    [JsonPropertyName("accuracy")]
    public double? Accuracy { get; init; }

    [JsonPropertyName("per_class_iou")]
    public IReadOnlyList<double>? PerClassIou { get; init; }

    /// <summary>The number best.pth is chosen by, higher is better: max F for one class, Dice otherwise (the seeds' headline metrics).</summary>
    [JsonIgnore]
    public double Score => MaxF ?? Dice ?? double.NaN;

    /// <summary>The name of <see cref="Score"/>'s metric.</summary>
    [JsonIgnore]
    public string ScoreName => MaxF is not null ? "max_f" : "dice";

    /// <summary>Options for this record and its containers: nulls omitted, NaN written as "NaN" (an empty validation set).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
