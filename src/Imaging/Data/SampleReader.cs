using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Imaging.Data;

/// <summary>
/// Decodes one sample's files and checks them: the mask the image's size, every mask value a
/// class or the ignore index. DRIVE's vessels (0 / 255) and field of view (0 outside, 255
/// inside) become one mask as the seed's DriveDataset builds it: vessel 1, background 0, outside
/// the field of view 255. Every failure is a <see cref="DataFileException"/> naming the file.
/// Thread-safe: the loader's workers share one reader.
/// </summary>
public sealed class SampleReader
{
    public SampleReader(MaskKind kind, int numClasses)
    {
        if (kind == MaskKind.Classes && (numClasses < 1 || numClasses > LabelMask.Ignore))
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "class masks need 1..255 classes (255 is the ignore index)");
        Kind = kind;
        NumClasses = kind == MaskKind.Classes ? numClasses : 0;
    }

    public MaskKind Kind { get; }

    /// <summary>The class count class masks are checked against (0 for saliency).</summary>
    public int NumClasses { get; }

    public Sample Read(SamplePaths paths)
    {
        if (paths is null)
            throw new ArgumentNullException(nameof(paths));
        RgbImage image = ImageDecoding.ReadRgb(paths.Image);
        LabelMask mask = paths.FieldOfView is null
            ? ReadMask(paths.Mask, image)
            : DriveMask(paths, image);
        return new Sample(paths.Id, image, mask);
    }

    private LabelMask ReadMask(string path, RgbImage image)
    {
        LabelMask mask = Kind == MaskKind.Saliency ? ImageDecoding.ReadGray(path) : ImageDecoding.ReadLabels(path);
        CheckSize(path, mask, image);
        if (Kind == MaskKind.Classes)
            CheckValues(path, mask, v => v < NumClasses || v == LabelMask.Ignore, $"a class 0..{NumClasses - 1} or the ignore index 255");
        return mask;
    }

    private static LabelMask DriveMask(SamplePaths paths, RgbImage image)
    {
        LabelMask vessels = ImageDecoding.ReadGray(paths.Mask);
        LabelMask fov = ImageDecoding.ReadGray(paths.FieldOfView!);
        CheckSize(paths.Mask, vessels, image);
        CheckSize(paths.FieldOfView!, fov, image);
        CheckValues(paths.Mask, vessels, v => v is 0 or 255, "0 (background) or 255 (vessel)");
        CheckValues(paths.FieldOfView!, fov, v => v is 0 or 255, "0 (outside the field of view) or 255 (inside)");
        var values = new byte[vessels.Values.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = fov.Values[i] == 0 ? LabelMask.Ignore : (byte)(vessels.Values[i] == 255 ? 1 : 0);
        return new LabelMask(vessels.Width, vessels.Height, values);
    }

    private static void CheckSize(string path, LabelMask mask, RgbImage image)
    {
        if (mask.Width != image.Width || mask.Height != image.Height)
            throw new DataFileException(path, $"mask is {mask.Width}x{mask.Height} but its image is {image.Width}x{image.Height}");
    }

    private static void CheckValues(string path, LabelMask mask, Func<byte, bool> valid, string expected)
    {
        byte[] v = mask.Values;
        for (int i = 0; i < v.Length; i++)
            if (!valid(v[i]))
                throw new DataFileException(path, $"mask value {v[i]} at pixel ({i % mask.Width}, {i / mask.Width}) is not {expected}");
    }
}
