using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Segment.IO;

namespace Segment.Imaging.Report;

/// <summary>
/// Reads metrics.jsonl, the per-epoch log a trainer appends to (docs/report.md). One JSON object
/// per line:
/// <code>{"epoch":1,"train_loss":0.5,"lr":0.001,"seconds":12.3,"val":{"mae":0.1,"max_f":0.8}}</code>
/// <list type="bullet">
/// <item><c>epoch</c> (required): an integer &gt;= 0.</item>
/// <item><c>train_loss</c>, <c>lr</c>, <c>seconds</c> (optional): numbers; <c>seconds</c> &gt;= 0.</item>
/// <item><c>val</c> (optional): an object of metric name to number (an <c>images</c> count and arrays such as
/// <c>per_class_iou</c> are skipped); a <c>loss</c> entry is drawn
/// in the loss chart beside <c>train_loss</c>, every other name gets a chart of its own.</item>
/// <item>Any number may be <c>null</c> (not recorded) or the strings <c>"NaN"</c>,
/// <c>"Infinity"</c>, <c>"-Infinity"</c> (what System.Text.Json writes with
/// <c>AllowNamedFloatingPointLiterals</c>, and a diverged loss needs).</item>
/// <item>Other keys are ignored, so a trainer may log more than the report shows.</item>
/// </list>
/// Blank lines are skipped. A later line for an epoch already seen replaces it (a resumed run
/// appends its epochs again), and rows come back in epoch order. A last line without its newline
/// that does not parse is a write in progress and is skipped, so a report can be drawn while
/// training runs; any other bad line is a <see cref="FormatException"/> naming the file and line.
/// <see cref="Format"/> and <see cref="Append"/> write lines in this schema.
/// </summary>
public static partial class MetricsJsonl
{
    public static IReadOnlyList<EpochRow> Read(string path)
    {
        InputFiles.RequireRegular(path, "metrics");
        string text = File.ReadAllText(path);
        string[] lines = text.Split('\n');
        bool lastIsPartial = !text.EndsWith('\n');
        var byEpoch = new SortedDictionary<int, EpochRow>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
                continue;
            EpochRow row;
            try
            {
                row = Parse(line);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                if (i == lines.Length - 1 && lastIsPartial)
                    continue;
                throw new FormatException($"{path}:{i + 1}: {e.Message}", e);
            }
            byEpoch[row.Epoch] = row;
        }
        return [.. byEpoch.Values];
    }

    /// <summary>One line's object as a row (the rules above).</summary>
    public static EpochRow Parse(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException($"a line must be a JSON object, got {root.ValueKind}");
        if (!root.TryGetProperty("epoch", out JsonElement epochElement))
            throw new FormatException("no \"epoch\"");
        if (epochElement.ValueKind != JsonValueKind.Number || !epochElement.TryGetInt32(out int epoch) || epoch < 0)
            throw new FormatException($"\"epoch\" must be an integer >= 0, got {epochElement.GetRawText()}");
        double? seconds = Number(root, "seconds");
        if (seconds < 0)
            throw new FormatException($"\"seconds\" must be >= 0, got {seconds.Value.ToString(CultureInfo.InvariantCulture)}");
        var validation = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("val", out JsonElement val) && val.ValueKind != JsonValueKind.Null)
        {
            if (val.ValueKind != JsonValueKind.Object)
                throw new FormatException($"\"val\" must be an object of metric names to numbers, got {val.ValueKind}");
            foreach (JsonProperty metric in val.EnumerateObject())
            {
                // The trainer's evaluation also logs how many images it saw and per-class lists: neither is a curve.
                if (metric.Name == "images" || metric.Value.ValueKind == JsonValueKind.Array)
                    continue;
                double? value = Value(metric.Value, "val." + metric.Name);
                if (value is double v)
                    validation[metric.Name] = v;
            }
        }
        return new EpochRow(epoch, Number(root, "train_loss"), Number(root, "lr"), seconds, validation);
    }

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) ? Value(e, name) : null;

    private static double? Value(JsonElement e, string name) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException($"\"{name}\" must be a number, got {e.GetRawText()}"),
        },
        _ => throw new FormatException($"\"{name}\" must be a number, got {e.GetRawText()}"),
    };
}
