using System;
using System.Collections.Generic;
using System.IO;
using Segment.Imaging.Output;
using SixLabors.ImageSharp;

namespace Segment.Imaging.Prediction;

/// <summary>Which files a prediction writes besides the mask.</summary>
/// <param name="Cutout">{stem}.cutout.png: the image with alpha = the foreground (background-removal tools' output).</param>
/// <param name="Overlay">{stem}.overlay.png: the mask's classes blended over the image.</param>
public sealed record PredictionExtras(bool Cutout = false, bool Overlay = false);

/// <summary>
/// Writes what `segment predict` promises for one image, at the image's original size: {stem}.png, an 8-bit
/// probability map for one class or a palette PNG of class indices for several, and the extras asked for. The
/// network's maps are resized back bilinearly first (as evaluation does). All of an image's files are written
/// together or not at all (<see cref="Segment.IO.OutputFiles.WriteAll"/>).
/// </summary>
public static class PredictionFiles
{
    /// <summary>The paths written, mask first.</summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="stem">The input's file name without extension.</param>
    /// <param name="original">The image as decoded (not normalised).</param>
    /// <param name="probabilities">[classes, height, width] probabilities at the network's input size.</param>
    /// <param name="classes">Maps in <paramref name="probabilities"/>: 1 for a sigmoid map, more for softmax scores.</param>
    /// <param name="height">The network input's height.</param>
    /// <param name="width">The network input's width.</param>
    /// <param name="extras">The cutout and overlay, if asked for.</param>
    public static IReadOnlyList<string> Write(string folder, string stem, RgbImage original, float[] probabilities, int classes, int height, int width, PredictionExtras extras)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(extras);
        float[] full = PredictionMaps.ToSize(probabilities, classes, height, width, original.Width, original.Height);
        int plane = original.Width * original.Height;
        // One class: the labels are only the overlay's, so a plain mask does not threshold.
        byte[]? labels = classes > 1 ? PredictionMaps.Argmax(full, classes, original.Height, original.Width)
            : extras.Overlay ? PredictionImages.Threshold(full) : null;

        var files = new List<(string Path, Action<Stream> Write)>();
        string mask = Path.Combine(folder, stem + ".png");
        if (classes == 1)
            files.Add((mask, s => PngFiles.WriteGrey(PredictionImages.GreyLevels(full), original.Width, original.Height, s)));
        else
            files.Add((mask, s => PngFiles.WriteIndexed(labels!, original.Width, original.Height, s)));
        if (extras.Cutout)
        {
            // One class: alpha is the probability. Several: alpha is "not background" (1 - p(class 0)).
            float[] foreground = classes == 1 ? full : Foreground(full, plane);
            files.Add((Path.Combine(folder, stem + ".cutout.png"), s => Save(PredictionImages.Cutout(original, foreground), s)));
        }
        if (extras.Overlay)
            files.Add((Path.Combine(folder, stem + ".overlay.png"), s => Save(PredictionImages.Overlay(original, labels!), s)));
        // Not flushed to the disk one by one: a rerun writes them again, and waiting on the disk per image would leave a
        // core idle in the image-per-core shape (the rename still shows readers whole files only).
        Segment.IO.OutputFiles.WriteAll(files, flushToDisk: false);
        return files.ConvertAll(f => f.Path);
    }

    private static void Save(Image image, Stream stream)
    {
        using (image)
            PngFiles.WriteImage(image, stream);
    }

    private static float[] Foreground(float[] maps, int plane)
    {
        var fg = new float[plane];
        for (int i = 0; i < plane; i++)
            fg[i] = 1f - maps[i];
        return fg;
    }
}
