using System;

namespace Segment.Imaging.Report;

/// <summary>
/// A sample reduced for the grid: a report of a dozen DRIVE or full-size VOC samples would
/// otherwise carry megabytes of pixels nobody sees at grid size. The longer side is brought down
/// to <see cref="MaxSide"/> (never up): the image and the probability map bilinearly, masks by
/// nearest neighbour, so no class appears that the mask does not hold. The image and the truth are
/// reduced separately, since evaluation runs at the truth's size, which may differ from the image's.
/// </summary>
internal static class SampleThumbnails
{
    public const int MaxSide = 384;

    /// <summary>The three pictures as PNG data URIs, and the truth's (reduced) size for the grid's layout.</summary>
    public static (string Image, string Truth, string Prediction, int Width, int Height) Render(ReportSample sample)
    {
        RgbImage image = sample.Image;
        (int iw, int ih) = Reduced(image.Width, image.Height);
        if (iw != image.Width)
            image = image.ResizedBilinear(iw, ih);

        LabelMask truth = sample.Truth;
        (int w, int h) = Reduced(truth.Width, truth.Height);
        bool reduce = w != truth.Width;
        if (reduce)
            truth = truth.ResizedNearest(w, h);

        string imageUri = SampleImages.Image(image);
        if (sample.Kind == SampleKind.Saliency)
        {
            float[] p = sample.Probability!;
            if (reduce)
                p = Resizing.Bilinear(p, 1, sample.Truth.Height, sample.Truth.Width, h, w);
            return (imageUri, SampleImages.Grey(truth), SampleImages.Probability(p, w, h), w, h);
        }
        LabelMask predicted = sample.PredictedClasses!;
        if (reduce)
            predicted = predicted.ResizedNearest(w, h);
        return (imageUri, SampleImages.Classes(truth), SampleImages.Classes(predicted), w, h);
    }

    /// <summary>The size with the longer side at most <see cref="MaxSide"/>, the aspect kept (each side at least 1).</summary>
    public static (int Width, int Height) Reduced(int width, int height)
    {
        int longer = Math.Max(width, height);
        if (longer <= MaxSide)
            return (width, height);
        double f = (double)MaxSide / longer;
        return (Math.Max(1, (int)Math.Round(width * f)), Math.Max(1, (int)Math.Round(height * f)));
    }
}
