using System;
using System.IO;
using System.Linq;
using Segment.Imaging;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>
/// <c>predict --compat rembg</c> gives rembg's masks from the same weights (tests/oracles/rembg_reference.py: rembg's
/// pipeline around the official U²-Net), and its Lanczos resize is Pillow's to the byte.
/// </summary>
public sealed class RembgCompatTests(ITestOutputHelper log)
{
    private readonly string _dir = RepoPaths.NewTempDirectory("rembg");

    [Theory]
    [InlineData(97, 61, 320, 320, 3)]   // up, as rembg enlarges a small image
    [InlineData(640, 411, 320, 320, 3)] // down: the filter widens with the scale
    [InlineData(320, 320, 333, 257, 1)] // the mask back to an odd size
    [InlineData(320, 320, 123, 45, 1)]
    public void Lanczos_resize_is_pillows(int width, int height, int newWidth, int newHeight, int channels)
    {
        byte[] pixels = Picture(width, height, channels, seed: width + newWidth);
        string source = Path.Combine(_dir, $"src-{width}x{height}-{channels}.png");
        Save(pixels, width, height, channels, source);
        string expectedPath = Path.Combine(_dir, $"pil-{width}x{height}-{newWidth}x{newHeight}-{channels}.png");
        PythonOracle.Run("rembg_reference.py", "resize", "--image", source, "--size", $"{newWidth}x{newHeight}", "--output", expectedPath);

        byte[] actual = PilLanczos.Resize(pixels, width, height, channels, newWidth, newHeight);
        Assert.Equal(Load(expectedPath, channels), actual);
    }

    [Fact]
    public void Predict_compat_rembg_gives_rembgs_mask_from_the_official_weights()
    {
        string weights = new FormatOracle("official-u2netp").Make(seed: 4);
        string image = Path.Combine(_dir, "photo.png");
        Save(Picture(173, 119, 3, seed: 3), 173, 119, 3, image);
        string expected = Path.Combine(_dir, "rembg-mask.png");
        PythonOracle.Run("rembg_reference.py", "mask", "--model", "official-u2netp", "--weights", weights, "--image", image, "--output", expected);

        string output = Path.Combine(_dir, "out");
        var r = CliRunner.Run("predict", "--model", "u2netp", "--weights", weights, "--compat", "rembg", "--input", image, "--output", output, "--cutout", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        byte[] want = Load(expected, 1), got = Load(Path.Combine(output, "photo.png"), 1);
        int worst = want.Zip(got, (a, b) => Math.Abs(a - b)).Max();
        int differing = want.Zip(got).Count(p => p.First != p.Second);
        log.WriteLine($"rembg mask 173x119: max |diff| {worst} grey level(s), {differing} of {want.Length} pixels differ");
        Assert.True(worst <= 1, $"the mask differs from rembg's by up to {worst} grey levels");
        Assert.True(differing < want.Length / 100, $"{differing} pixels differ");
        Assert.True(want.Max() - want.Min() > 100, "rembg's mask is not flat (the test would show nothing)");
        // The cutout's alpha is the same mask.
        using var cutout = Image.Load<Rgba32>(Path.Combine(output, "photo.cutout.png"));
        Assert.Equal(got[5 * 173 + 7], cutout[7, 5].A);

        var refused = CliRunner.Run("predict", "--model", "unet", "--weights", weights, "--compat", "rembg", "--input", image, "--output", output);
        Assert.NotEqual(0, refused.ExitCode);
    }

    // A smooth picture with edges: gradients and a disc, plus a little noise.
    private static byte[] Picture(int width, int height, int channels, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            bool inside = Math.Pow(x - width * 0.45, 2) + Math.Pow(y - height * 0.55, 2) < Math.Pow(Math.Min(width, height) * 0.3, 2);
            for (int c = 0; c < channels; c++)
            {
                double v = inside ? 200 - 40 * c : 255.0 * (x + c * y) / (width + height) * 0.7;
                pixels[(y * width + x) * channels + c] = (byte)Math.Clamp(v + random.Next(-12, 13), 0, 255);
            }
        }
        return pixels;
    }

    private static void Save(byte[] pixels, int width, int height, int channels, string path)
    {
        if (channels == 3)
            Image.LoadPixelData<Rgb24>(pixels, width, height).SaveAsPng(path);
        else
            Image.LoadPixelData<L8>(pixels, width, height).SaveAsPng(path);
    }

    private static byte[] Load(string path, int channels)
    {
        if (channels == 3)
        {
            using var rgb = Image.Load<Rgb24>(path);
            var bytes = new byte[rgb.Width * rgb.Height * 3];
            rgb.CopyPixelDataTo(bytes);
            return bytes;
        }
        using var grey = Image.Load<L8>(path);
        var data = new byte[grey.Width * grey.Height];
        grey.CopyPixelDataTo(data);
        return data;
    }
}
