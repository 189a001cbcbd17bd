using System;
using Segment.Imaging.Output;

namespace Segment.Imaging.Report;

/// <summary>How a sample's ground truth and prediction are drawn.</summary>
public enum SampleKind
{
    /// <summary>Salient-object data (DUTS): the truth's grey levels and the prediction's foreground probability, both as grey.</summary>
    Saliency,

    /// <summary>Class indices (DRIVE, VOC): truth and prediction in <see cref="VocPalette"/> colours, 255 (ignored) in VOC's border colour.</summary>
    Classes,
}

/// <summary>
/// One validation sample of the report's grid: the input image, its ground truth and the
/// network's prediction at the ground truth's size (where evaluation measures it, so the grid
/// shows what the metrics counted). Built with <see cref="Saliency"/> or <see cref="Classes"/>,
/// which check the sizes, so a report never fails half-written on a mismatched sample.
/// </summary>
public sealed class ReportSample
{
    private ReportSample(string name, SampleKind kind, RgbImage image, LabelMask truth, float[]? probability, LabelMask? predictedClasses)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(truth);
        Name = name;
        Kind = kind;
        Image = image;
        Truth = truth;
        Probability = probability;
        PredictedClasses = predictedClasses;
    }

    /// <summary>The sample's name as the dataset gives it (a file stem); shown as the row's caption.</summary>
    public string Name { get; }

    public SampleKind Kind { get; }

    /// <summary>The decoded image, values in [0, 1] (before normalisation; values outside are clamped).</summary>
    public RgbImage Image { get; }

    /// <summary>Grey levels 0..255 for <see cref="SampleKind.Saliency"/>, class indices for <see cref="SampleKind.Classes"/>.</summary>
    public LabelMask Truth { get; }

    /// <summary>The foreground probability in [0, 1], row-major at the truth's size (<see cref="SampleKind.Saliency"/> only).</summary>
    public float[]? Probability { get; }

    /// <summary>The predicted class indices at the truth's size (<see cref="SampleKind.Classes"/> only).</summary>
    public LabelMask? PredictedClasses { get; }

    /// <summary>A salient-object sample: grey truth, foreground probabilities at the truth's size.</summary>
    public static ReportSample Saliency(string name, RgbImage image, LabelMask truth, float[] probability)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probability);
        if (probability.Length != truth.Values.Length)
            throw new ArgumentException(
                $"sample '{name}': the prediction needs the truth's {truth.Width}x{truth.Height} = {truth.Values.Length} values, got {probability.Length}",
                nameof(probability));
        return new ReportSample(name, SampleKind.Saliency, image, truth, probability, null);
    }

    /// <summary>A class-index sample: truth and predicted classes of the same size.</summary>
    public static ReportSample Classes(string name, RgbImage image, LabelMask truth, LabelMask predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (predicted.Width != truth.Width || predicted.Height != truth.Height)
            throw new ArgumentException(
                $"sample '{name}': the prediction is {predicted.Width}x{predicted.Height}, the truth {truth.Width}x{truth.Height}",
                nameof(predicted));
        return new ReportSample(name, SampleKind.Classes, image, truth, null, predicted);
    }
}
