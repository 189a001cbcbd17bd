using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Imaging;
using Segment.Imaging.Output;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>
/// The prediction outputs, read back by PIL (what VOC's tools and most users' scripts use) and by
/// the library's own decoder: palette PNGs are indexed with the VOC colours, probability maps
/// 8-bit grey, cutouts RGBA with alpha = mask.
/// </summary>
public class PngOutputTests
{
    [Fact]
    public void Indexed_png_opens_in_PIL_as_mode_P_with_the_indices_255_included_and_the_VOC_palette()
    {
        string dir = RepoPaths.NewTempDirectory("png");
        string path = Path.Combine(dir, "classes.png");
        const int w = 7, h = 5;
        byte[] classes = Enumerable.Range(0, w * h).Select(i => i % w == 0 ? (byte)255 : (byte)(i % 21)).ToArray();
        PngFiles.SaveIndexed(classes, w, h, path);

        JsonElement read = Pil(path);
        Assert.Equal("P", read.GetProperty("mode").GetString());
        Assert.Equal(classes.Select(c => (int)c), read.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        int[] palette = read.GetProperty("palette").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal([128, 0, 0], palette[3..6]);            // class 1, VOC's dark red
        Assert.Equal([224, 224, 192], palette[765..768]);    // 255, VOC's border colour

        Assert.Equal(classes, ImageDecoding.ReadLabels(path).Values);
        Assert.False(File.Exists(path + ".tmp"), "no temporary file is left beside the target");
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public void Probability_map_is_8_bit_grey_rounding_p_times_255()
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("png"), "prob.png");
        float[] p = [0f, 0.5f, 1f, 1.2f, -0.1f, 0.25f];
        using (Image<L8> map = PredictionImages.ProbabilityMap(p, 3, 2))
            PngFiles.Save(map, path);
        JsonElement read = Pil(path);
        Assert.Equal("L", read.GetProperty("mode").GetString());
        Assert.Equal([0, 128, 255, 255, 0, 64], read.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void Cutout_keeps_the_image_and_takes_alpha_from_the_mask_and_overlay_tints_only_classes()
    {
        using Image<Rgb24> source = TinyFiles.Rgb(2, 2);
        string dir = RepoPaths.NewTempDirectory("png");
        RgbImage image = ImageDecoding.ReadRgb(TinyFiles.Png(Path.Combine(dir, "image.png"), source));

        string cut = Path.Combine(dir, "cutout.png");
        using (Image<Rgba32> cutout = PredictionImages.Cutout(image, [1f, 0f, 0.5f, 0.2f]))
            PngFiles.Save(cutout, cut);
        JsonElement read = Pil(cut);
        Assert.Equal("RGBA", read.GetProperty("mode").GetString());
        int[][] px = read.GetProperty("values").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Rgb24 c10 = TinyFiles.ColorAt(1, 0);
        Assert.Equal([c10.R, c10.G, c10.B, 0], px[1]);
        Assert.Equal([255, 128, 51], px.Select(p => p[3]).Where((a, i) => i != 1));

        using Image<Rgb24> overlay = PredictionImages.Overlay(image, [0, 1, 255, 2], opacity: 0.5f);
        Assert.Equal(TinyFiles.ColorAt(0, 0), overlay[0, 0]);   // background untouched
        Assert.Equal(TinyFiles.ColorAt(0, 1), overlay[0, 1]);   // ignored untouched
        Rgb24 c11 = TinyFiles.ColorAt(1, 1), voc2 = VocPalette.ColorOf(2);
        Rgb24 tinted = overlay[1, 1];
        Assert.InRange(tinted.R, Half(c11.R, voc2.R) - 1, Half(c11.R, voc2.R) + 1);
        Assert.InRange(tinted.G, Half(c11.G, voc2.G) - 1, Half(c11.G, voc2.G) + 1);
        Assert.InRange(tinted.B, Half(c11.B, voc2.B) - 1, Half(c11.B, voc2.B) + 1);
        Assert.Equal([0, 1, 1, 0], PredictionImages.Threshold([0.5f, 0.51f, 1f, 0f]));
    }

    private static int Half(byte a, byte b) => (a + b) / 2;

    internal static JsonElement Pil(string path) =>
        JsonDocument.Parse(PythonOracle.Run("png_read.py", path)).RootElement.Clone();
}
