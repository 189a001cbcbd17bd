using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Imaging;
using Segment.Imaging.Report;
using Segment.Runtime.NN;
using Segment.Runtime.Training;

namespace Segment.Cli.Training;

/// <summary>
/// RUN/report.html after training: the curves from RUN/metrics.jsonl, a grid of validation samples (image, ground
/// truth, prediction), the configuration, the parameter count and the timings (Segment.Imaging.Report).
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    public static string Write(string runFolder, ISegmentationNetwork network, IReadOnlyList<KeyValuePair<string, string>> configuration,
                               IReadOnlyList<EvaluationSample> samples, MeanStd meanStd, IReadOnlyList<KeyValuePair<string, TimeSpan>> timings)
    {
        string metrics = new RunFiles(runFolder).Metrics;
        TrainingReport report = (File.Exists(metrics) ? TrainingReport.FromMetricsJsonl(metrics) : new TrainingReport()) with
        {
            Title = $"{network.Name}: {Path.GetFileName(Path.GetFullPath(runFolder))}",
            Network = network.Name,
            ParameterCount = network.TotalParameters,
            Configuration = configuration,
            Samples = samples.Select(s => ToReport(s, meanStd)).ToList(),
            Timings = timings,
        };
        string path = Path.Combine(runFolder, FileName);
        ReportWriter.Write(path, report);
        return path;
    }

    // The evaluation sample's normalised input back to colours, at the ground truth's size, with its truth and prediction.
    private static ReportSample ToReport(EvaluationSample s, MeanStd meanStd)
    {
        var pixels = (float[])s.Image.Clone();
        int plane = s.ImageWidth * s.ImageHeight;
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < plane; i++)
                pixels[c * plane + i] = Math.Clamp(pixels[c * plane + i] * meanStd.Std[c] + meanStd.Mean[c], 0f, 1f);
        var image = new RgbImage(s.ImageWidth, s.ImageHeight, pixels);
        if (image.Width != s.Width || image.Height != s.Height)
            image = image.ResizedBilinear(s.Width, s.Height);
        if (s.Channels == 1)
        {
            var truth = new LabelMask(s.Width, s.Height, s.Truth.Select(v => (byte)Math.Clamp(Math.Round(v * 255), 0, 255)).ToArray());
            return ReportSample.Saliency(s.Id, image, truth, s.Prediction);
        }
        var classes = new LabelMask(s.Width, s.Height, s.Truth.Select(v => (byte)v).ToArray());
        byte[] predicted = Segment.Imaging.Output.PredictionMaps.Argmax(s.Prediction, s.Channels, s.Height, s.Width);
        return ReportSample.Classes(s.Id, image, classes, new LabelMask(s.Width, s.Height, predicted));
    }
}
