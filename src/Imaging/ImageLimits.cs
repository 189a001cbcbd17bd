using System;
using System.Globalization;

namespace Segment.Imaging;

/// <summary>
/// The largest image <see cref="ImageDecoding"/> decodes, checked from the file's header before any pixel is
/// decoded. A 48 KB 1-bit PNG may declare 20000 x 20000 pixels and decode to gigabytes; every image is
/// decoded to 3 bytes a pixel and then to 12 (float RGB), so the bound is what keeps a small file from
/// exhausting memory. Raise it with <see cref="MaxPixels"/> in code or <c>SEGMENT_MAX_IMAGE_PIXELS</c>
/// (docs/bad-input.md).
/// </summary>
public static class ImageLimits
{
    /// <summary>The default bound: 8192 x 8192 (about 1.2 GB while one such image is decoded to floats).</summary>
    public const long DefaultMaxPixels = 8192L * 8192;

    /// <summary>Environment variable: the largest width x height to decode, instead of <see cref="DefaultMaxPixels"/>.</summary>
    public const string MaxPixelsVariable = "SEGMENT_MAX_IMAGE_PIXELS";

    /// <summary>Bytes a file may hold per declared pixel (16-bit RGBA TIFF, uncompressed, is 8), plus <see cref="FileSlackBytes"/> for metadata.</summary>
    public const long MaxFileBytesPerPixel = 8;

    /// <summary>What a file may hold besides its pixels (EXIF, ICC profiles, thumbnails).</summary>
    public const long FileSlackBytes = 64L << 20;

    private static long? _maxPixels;

    /// <summary>
    /// The largest width x height decoded: set here (library code), else <c>SEGMENT_MAX_IMAGE_PIXELS</c>, else
    /// <see cref="DefaultMaxPixels"/>. An environment value that is not a positive whole number is an
    /// <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static long MaxPixels
    {
        get => _maxPixels ?? FromEnvironment() ?? DefaultMaxPixels;
        set => _maxPixels = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the pixel bound must be positive");
    }

    /// <summary>Forgets a bound set in code (tests), so the environment or the default applies again.</summary>
    public static void Reset() => _maxPixels = null;

    /// <summary>Throws a <see cref="DataFileException"/> for an image whose header declares more pixels than <see cref="MaxPixels"/>.</summary>
    public static void Check(string path, long width, long height)
    {
        long max = MaxPixels;
        if (width > 0 && height > 0 && width <= max / height)
            return;
        string source = _maxPixels is not null ? "the bound set in ImageLimits.MaxPixels"
            : Environment.GetEnvironmentVariable(MaxPixelsVariable) is { Length: > 0 } ? MaxPixelsVariable
            : $"the default; {MaxPixelsVariable} raises it";
        throw new DataFileException(path, string.Create(CultureInfo.InvariantCulture,
            $"image is {width} x {height} = {width * height:N0} pixels, more than the {max:N0} decoded ({source})"));
    }

    private static long? FromEnvironment()
    {
        string? v = Environment.GetEnvironmentVariable(MaxPixelsVariable);
        if (string.IsNullOrEmpty(v))
            return null;
        return long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
            ? n
            : throw new ArgumentException($"{MaxPixelsVariable}='{v}' is not a positive whole number of pixels");
    }
}
