using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segment.Imaging;
using Segment.Imaging.Data;

namespace Segment.Cli.Training;

/// <summary>
/// <c>RUN/run.json</c>: what a training run was trained on and how, written when `train` (or `demo`) starts. `eval`,
/// `predict` and `export` given weights from that folder (<c>--weights RUN/best.pth</c>) take their defaults from it,
/// so the network is measured, used and exported at the size and with the normalisation it was trained for.
/// </summary>
public sealed record RunSettings
{
    public const string FileName = "run.json";

    /// <summary>The network's command-line name.</summary>
    public required string Model { get; init; }

    /// <summary>duts, drive, voc or folder.</summary>
    public required string Layout { get; init; }

    /// <summary>The dataset's root, as an absolute path.</summary>
    public required string Data { get; init; }

    /// <summary>The folder validated on instead of the root's val split, if any (absolute).</summary>
    public string? ValidationData { get; init; }

    /// <summary>The side the network runs at in evaluation and prediction; null: each image's own size.</summary>
    public int? Size { get; init; }

    /// <summary>The side of the training crops.</summary>
    public int Crop { get; init; }

    /// <summary>The mean/std the inputs were normalised with: imagenet or drive.</summary>
    public required string Normalize { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The settings of a run on <paramref name="data"/>, resolved for <paramref name="network"/>.</summary>
    public static RunSettings Of(Runtime.NN.ISegmentationNetwork network, DataSetup data) => new()
    {
        Model = network.Name,
        Layout = data.Layout.ToString().ToLowerInvariant(),
        Data = Path.GetFullPath(data.Root),
        ValidationData = data.ValidationRoot is null ? null : Path.GetFullPath(data.ValidationRoot),
        Size = data.EvalSize(network),
        Crop = data.TrainCrop(network),
        Normalize = data.MeanStd == MeanStd.Drive ? "drive" : "imagenet",
    };

    /// <summary>Writes <c>run.json</c> into <paramref name="runFolder"/> (atomically).</summary>
    public void Write(string runFolder) =>
        Segment.IO.OutputFiles.Write(Path.Combine(runFolder, FileName), s => JsonSerializer.Serialize(s, this, Json));

    /// <summary>The run.json beside <paramref name="weights"/> (a run's last.pth or best.pth), or null when there is none.</summary>
    /// <exception cref="UsageException">A run.json that is not this file's JSON.</exception>
    public static RunSettings? Beside(string? weights)
    {
        if (weights is null)
            return null;
        string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weights)) ?? ".", FileName);
        if (!File.Exists(path))
            return null;
        Segment.IO.InputFiles.RequireRegular(path, "run settings");
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<RunSettings>(stream, Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not a run's settings ({e.Message.Split('.')[0]}); remove it or fix it");
        }
    }

    /// <summary>--model, else the run's model; the command's one-line error when neither is there.</summary>
    public static string ModelName(ParsedArgs args, RunSettings? run, string command) =>
        args.String("model") ?? run?.Model ?? throw new UsageException($"{command} needs --model (or weights from a run folder with its run.json)");

    /// <summary>The dataset of the run, for `eval` without --data and --layout.</summary>
    public DataSetup DataSetup() => Training.DataSetup.Parse(Layout, Data, Size, Crop, ValidationData);
}
