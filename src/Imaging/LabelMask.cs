using System;

namespace Segment.Imaging;

/// <summary>
/// A mask as one byte per pixel, row-major: class indices with <see cref="Ignore"/> for pixels
/// no loss or metric counts, or, for salient-object data (DUTS), the grey level 0..255 of the
/// ground truth.
/// </summary>
public sealed class LabelMask
{
    /// <summary>The ignore index: VOC's border colour index and DRIVE's outside-the-field-of-view value.</summary>
    public const byte Ignore = 255;

    public LabelMask(int width, int height, byte[] values)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"a mask needs a positive size, got {width}x{height}");
        if (values is null)
            throw new ArgumentNullException(nameof(values));
        if (values.Length != (long)width * height)
            throw new ArgumentException($"a {width}x{height} mask needs {(long)width * height} values, got {values.Length}", nameof(values));
        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Values { get; }

    /// <summary>A copy resized with <see cref="Resizing.Nearest"/>: masks are never interpolated, so no new class appears.</summary>
    public LabelMask ResizedNearest(int width, int height) =>
        new(width, height, Resizing.Nearest(Values, 1, Height, Width, height, width));
}
