using System;
using System.Collections.Generic;
using System.IO;

namespace Segment.Imaging.Report;

/// <summary>
/// Everything RUN/report.html shows (docs/report.md): the run's title and network, its parameter
/// count and configuration, one row per epoch, a few validation samples and the timings. A plain
/// immutable record with no TorchSharp type, so a trainer fills it as it goes and a finished run
/// can be reported again from its metrics.jsonl alone (<see cref="FromMetricsJsonl"/>, then
/// <c>with { ... }</c> for what the file does not hold). <see cref="ReportWriter"/> writes it.
/// </summary>
public sealed record TrainingReport
{
    /// <summary>The page's heading, usually the run folder's name.</summary>
    public string Title { get; init; } = "Training report";

    /// <summary>The network's name (the generated class, e.g. <c>U2Net</c>); empty where unknown.</summary>
    public string Network { get; init; } = "";

    /// <summary>Trainable parameters, where known.</summary>
    public long? ParameterCount { get; init; }

    /// <summary>The run's settings in the order they are shown (dataset, batch size, optimiser, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Configuration { get; init; } = [];

    /// <summary>One row per epoch, in epoch order.</summary>
    public IReadOnlyList<EpochRow> Epochs { get; init; } = [];

    /// <summary>Validation samples for the grid, in the order shown.</summary>
    public IReadOnlyList<ReportSample> Samples { get; init; } = [];

    /// <summary>
    /// Named totals (<c>training</c>, <c>validation</c>, <c>total</c>, ...), shown as given; the
    /// report adds the sum and mean of the epochs' own seconds where the rows carry them.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> Timings { get; init; } = [];

    /// <summary>
    /// A report holding the epochs of a metrics.jsonl (schema: <see cref="MetricsJsonl"/>), titled
    /// with the name of the folder that holds it (the run folder).
    /// </summary>
    public static TrainingReport FromMetricsJsonl(string path)
    {
        IReadOnlyList<EpochRow> rows = MetricsJsonl.Read(path);
        string? folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return new TrainingReport
        {
            Title = string.IsNullOrEmpty(folder) ? "Training report" : folder,
            Epochs = rows,
        };
    }
}
