using System;
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
/// The PNG encoder predict writes with: every colour type reads back exactly in PIL (which checks each chunk's CRC
/// and the zlib stream) and in ImageSharp, on odd sizes and random bytes, so every row's Up filter is exercised.
/// </summary>
public sealed class PngEncodingTests
{
    private const int Width = 37, Height = 23;

    private static byte[] Random(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Encode(string dir, string name, byte[] pixels, PngEncoding.ColorType type, byte[]? palette = null)
    {
        string path = Path.Combine(dir, name);
        using (FileStream file = File.Create(path))
            PngEncoding.Write(file, pixels, Width, Height, type, palette);
        return path;
    }

    [Fact]
    public void Grey_rgb_rgba_and_palette_images_read_back_exactly_in_PIL_and_ImageSharp()
    {
        string dir = RepoPaths.NewTempDirectory("png-encoding");
        byte[] grey = Random(Width * Height, 1), rgb = Random(Width * Height * 3, 2), rgba = Random(Width * Height * 4, 3);
        byte[] indices = Random(Width * Height, 4).Select(b => (byte)(b % 7)).ToArray();
        byte[] palette = Random(7 * 3, 5);
        string[] paths =
        [
            Encode(dir, "grey.png", grey, PngEncoding.ColorType.Grey),
            Encode(dir, "rgb.png", rgb, PngEncoding.ColorType.Rgb),
            Encode(dir, "rgba.png", rgba, PngEncoding.ColorType.Rgba),
            Encode(dir, "palette.png", indices, PngEncoding.ColorType.Palette, palette),
        ];

        JsonElement[] read = PythonOracle.Run("png_read.py", paths).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
        Assert.Equal(["L", "RGB", "RGBA", "P"], read.Select(r => r.GetProperty("mode").GetString()));
        Assert.All(read, r => Assert.Equal([Width, Height], r.GetProperty("size").EnumerateArray().Select(v => v.GetInt32())));
        Assert.Equal(grey.Select(b => (int)b), read[0].GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(rgb.Select(b => (int)b), read[1].GetProperty("values").EnumerateArray().SelectMany(p => p.EnumerateArray()).Select(v => v.GetInt32()));
        Assert.Equal(rgba.Select(b => (int)b), read[2].GetProperty("values").EnumerateArray().SelectMany(p => p.EnumerateArray()).Select(v => v.GetInt32()));
        Assert.Equal(indices.Select(b => (int)b), read[3].GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(palette.Select(b => (int)b), read[3].GetProperty("palette").EnumerateArray().Take(palette.Length).Select(v => v.GetInt32()));

        Assert.Equal(grey, ImageDecoding.ReadGray(paths[0]).Values);
        using Image<Rgba32> decoded = Image.Load<Rgba32>(paths[2]);
        var pixels = new Rgba32[Width * Height];
        decoded.CopyPixelDataTo(pixels);
        Assert.Equal(rgba, pixels.SelectMany(p => new[] { p.R, p.G, p.B, p.A }));
    }

    [Fact]
    public void A_smooth_probability_map_deflates_well_below_its_raw_size()
    {
        // What predict writes: a map that changes slowly down the rows, where the Up filter leaves mostly zeros.
        const int side = 256;
        byte[] map = Enumerable.Range(0, side * side).Select(i => (byte)(128 + 100 * Math.Sin(i % side / 40.0) * Math.Cos(i / side / 50.0))).ToArray();
        using var stream = new MemoryStream();
        PngEncoding.Write(stream, map, side, side, PngEncoding.ColorType.Grey);
        Assert.InRange(stream.Length, 100, map.Length / 4);
        stream.Position = 0;
        using Image<L8> image = Image.Load<L8>(stream);
        Assert.Equal(map[side * 100 + 17], image[17, 100].PackedValue);
    }

    [Fact]
    public void Sizes_and_palettes_that_do_not_fit_the_colour_type_are_refused()
    {
        using var stream = new MemoryStream();
        Assert.Contains("needs 851 bytes, got 850", Assert.Throws<ArgumentException>(() => PngEncoding.Write(stream, new byte[850], Width, Height, PngEncoding.ColorType.Grey)).Message);
        Assert.Throws<ArgumentException>(() => PngEncoding.Write(stream, new byte[Width * Height], Width, Height, PngEncoding.ColorType.Palette));
        Assert.Throws<ArgumentException>(() => PngEncoding.Write(stream, new byte[Width * Height], Width, Height, PngEncoding.ColorType.Palette, new byte[769]));
        Assert.Throws<ArgumentException>(() => PngEncoding.Write(stream, new byte[Width * Height], Width, Height, PngEncoding.ColorType.Grey, new byte[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoding.Write(stream, [], 0, 1, PngEncoding.ColorType.Grey));
        Assert.Equal(0, stream.Length);
    }
}
