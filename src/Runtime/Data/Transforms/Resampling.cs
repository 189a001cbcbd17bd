namespace Segment.Runtime.Data.Transforms;

/// <summary>
/// The two resizes: images bilinear (align_corners=False, no antialiasing: the arithmetic of
/// <see cref="Segment.Imaging.Resizing"/>, so the array path agrees), targets nearest-neighbour
/// only, so no value appears that was not in the mask.
/// </summary>
internal static class Resampling
{
    public static Tensor Image(Tensor chw, long height, long width)
    {
        using Tensor batch = chw.unsqueeze(0);
        using Tensor resized = F.interpolate(batch, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.squeeze(0);
    }

    /// <summary>[H, W] int64 classes or [1, H, W] float saliency, resized nearest.</summary>
    public static Tensor Target(Tensor target, long height, long width)
    {
        bool classes = target.dim() == 2;
        using Tensor planes = (classes ? target.unsqueeze(0) : target.alias()).unsqueeze(0).to(ScalarType.Float32);
        using Tensor resized = F.interpolate(planes, size: [height, width], mode: InterpolationMode.Nearest);
        return classes ? resized.squeeze(0).squeeze(0).to(ScalarType.Int64) : resized.squeeze(0);
    }
}
