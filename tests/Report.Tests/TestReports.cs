using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Imaging;
using Segment.Imaging.Report;

namespace Segment.Report.Tests;

/// <summary>Small reports with known contents: pixels are functions of their position, so a test can predict every decoded value.</summary>
internal static class TestReports
{
    /// <summary>An image whose R rises left to right, G top to bottom, B is constant 0.5.</summary>
    public static RgbImage Gradient(int width, int height)
    {
        int plane = width * height;
        var p = new float[3 * plane];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                p[i] = width == 1 ? 0 : x / (float)(width - 1);
                p[plane + i] = height == 1 ? 0 : y / (float)(height - 1);
                p[2 * plane + i] = 0.5f;
            }
        return new RgbImage(width, height, p);
    }

    /// <summary>A grey truth: the left half 255, the right 0.</summary>
    public static LabelMask HalfMask(int width, int height) =>
        new(width, height, Enumerable.Range(0, width * height).Select(i => i % width < width / 2 ? (byte)255 : (byte)0).ToArray());

    /// <summary>Probabilities rising left to right from 0 to 1.</summary>
    public static float[] Ramp(int width, int height) =>
        Enumerable.Range(0, width * height).Select(i => width == 1 ? 0f : i % width / (float)(width - 1)).ToArray();

    /// <summary>Class indices by column: 0, 1, 2, ..., with the last row ignored (255).</summary>
    public static LabelMask Columns(int width, int height, int classes) =>
        new(width, height, Enumerable.Range(0, width * height)
            .Select(i => i / width == height - 1 ? LabelMask.Ignore : (byte)(i % width % classes)).ToArray());

    public static IReadOnlyList<EpochRow> Epochs(int count, params string[] metrics) =>
        [.. Enumerable.Range(1, count).Select(e => new EpochRow(e, 1.0 / e, 1e-3 * Math.Pow(0.9, e), 10 + e,
            metrics.Select((m, k) => (m, v: 0.5 + 0.04 * e + 0.01 * k)).ToDictionary(t => t.m, t => t.v)))];

    /// <summary>A U²-Net-like report: two saliency samples, mae and max_f, a short configuration.</summary>
    public static TrainingReport Saliency(int epochs = 5) => new()
    {
        Title = "run-u2net",
        Network = "U2NetP",
        ParameterCount = 1_131_056,
        Configuration = [new("dataset", "duts"), new("batch_size", "8"), new("optimizer", "AdamW"), new("lr", "0.001")],
        Epochs = Epochs(epochs, "mae", "max_f"),
        Samples =
        [
            ReportSample.Saliency("sun_a", Gradient(12, 8), HalfMask(12, 8), Ramp(12, 8)),
            ReportSample.Saliency("sun_b", Gradient(7, 9), HalfMask(7, 9), Ramp(7, 9)),
        ],
        Timings = [new("training", TimeSpan.FromSeconds(65)), new("total", TimeSpan.FromSeconds(3725))],
    };

    /// <summary>A class-mask report (DRIVE-like): dice, miou and accuracy, one classes sample.</summary>
    public static TrainingReport Classes(int epochs = 4) => new()
    {
        Title = "run-unet",
        Network = "UNet",
        ParameterCount = 31_037_698,
        Configuration = [new("dataset", "drive"), new("classes", "2")],
        Epochs = Epochs(epochs, "dice", "miou", "accuracy"),
        Samples = [ReportSample.Classes("01_test", Gradient(10, 6), Columns(10, 6, 3), Columns(10, 6, 2))],
    };
}
