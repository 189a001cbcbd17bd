namespace Segment.Runtime.Metrics;

/// <summary>
/// Predictions brought back to the ground truth's resolution before any metric sees them: the
/// network's maps resized bilinearly (align_corners=False), as the seeds' evaluations do
/// (WZMIAOMIAO's MeanAbsoluteError / F1Score call <c>F.interpolate(pred, (h, w),
/// mode="bilinear", align_corners=False)</c>). Segment.Imaging's <c>Resizing.Bilinear</c> does the
/// same arithmetic on arrays.
/// </summary>
public static class PredictionResize
{
    /// <summary><paramref name="maps"/> [N, C, h, w] to [N, C, height, width] float32 (a new tensor, the same values when already that size).</summary>
    public static Tensor to_size(Tensor maps, long height, long width)
    {
        using Tensor f = maps.to(ScalarType.Float32);
        if (maps.size(2) == height && maps.size(3) == width)
            return f.clone();
        return F.interpolate(f, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
