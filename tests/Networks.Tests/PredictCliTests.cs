using System;
using System.IO;
using System.Linq;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// `segment predict` on image files: masks at each image's original size, equal (within one grey level) to the
/// seeds' PyTorch network run with the same pre- and post-processing (tests/oracles/predict_reference.py).
/// </summary>
public sealed class PredictCliTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("predict");

    private string WriteImage(string name, int width, int height, int seed)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)random.Next(256), (byte)(y * 255 / height));
        string path = Path.Combine(_dir, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        image.SaveAsPng(path);
        return path;
    }

    private static byte[] Reference(string model, string weights, string image, string dir, int size = 0, int multiple = 1)
    {
        string npy = Path.Combine(dir, Path.GetFileNameWithoutExtension(image) + ".ref.npy");
        PythonOracle.Run("predict_reference.py", "--model", model, "--weights", weights, "--image", image, "--out", npy,
            "--size", size.ToString(System.Globalization.CultureInfo.InvariantCulture), "--multiple", multiple.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var t = Npy.Load(npy);
        return t.data<byte>().ToArray();
    }

    private static byte[] Pixels(string png, out int width, out int height, out string kind)
    {
        var info = Image.Identify(png);
        kind = info.Metadata.GetPngMetadata().ColorType?.ToString() ?? "";
        using var image = Image.Load<L8>(png);
        width = image.Width;
        height = image.Height;
        var values = new byte[width * height];
        image.CopyPixelDataTo(values);
        return values;
    }

    [Fact]
    public void A_u2netp_folder_gives_probability_maps_at_each_images_size_equal_to_pytorch()
    {
        string weights = new NetworkOracle("u2netp").MakeWeights(seed: 3);
        string a = WriteImage("a.png", 131, 97, 1);
        string b = WriteImage("b.png", 64, 200, 2);
        string output = Path.Combine(_dir, "out");
        CliRunner.Result r = CliRunner.Run("predict", "--model", "u2netp", "--weights", weights, "--input", Path.GetDirectoryName(a)!, "--output", output, "--cutout", "--overlay");
        Assert.True(r.ExitCode == 0, r.Stderr);

        foreach ((string image, int w, int h) in new[] { (a, 131, 97), (b, 64, 200) })
        {
            string stem = Path.GetFileNameWithoutExtension(image);
            byte[] mask = Pixels(Path.Combine(output, stem + ".png"), out int width, out int height, out string kind);
            Assert.Equal((w, h), (width, height));
            Assert.Equal("Grayscale", kind);
            byte[] expected = Reference("u2netp", weights, image, _dir, size: 320);
            int worst = mask.Zip(expected, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 1, $"{stem}: {worst} grey levels from PyTorch");

            // The cut-out's alpha is the mask; the overlay is the image's size.
            using var cutout = Image.Load<Rgba32>(Path.Combine(output, stem + ".cutout.png"));
            Assert.Equal(mask[0], cutout[0, 0].A);
            Assert.Equal(mask[^1], cutout[w - 1, h - 1].A);
            Assert.Equal((w, h), (Image.Identify(Path.Combine(output, stem + ".overlay.png")).Width, Image.Identify(Path.Combine(output, stem + ".overlay.png")).Height));
        }
    }

    [Fact]
    public void A_two_class_unet_writes_a_palette_png_of_class_indices_equal_to_pytorch()
    {
        string weights = new NetworkOracle("unet").MakeWeights(seed: 4);
        string image = WriteImage("c.png", 75, 50, 3);
        string output = Path.Combine(_dir, "out-unet");
        CliRunner.Result r = CliRunner.Run("predict", "--model", "unet", "--weights", weights, "--input", image, "--output", output);
        Assert.True(r.ExitCode == 0, r.Stderr);

        string png = Path.Combine(output, "c.png");
        Assert.Equal("Palette", Image.Identify(png).Metadata.GetPngMetadata().ColorType?.ToString());
        byte[] classes = Segment.Imaging.ImageDecoding.ReadLabels(png).Values;
        // UNet runs at the image's size rounded up to a multiple of 2^4.
        byte[] expected = Reference("unet", weights, image, _dir, multiple: 16);
        Assert.Equal(expected.Length, classes.Length);
        double agree = classes.Zip(expected, (x, y) => x == y ? 1.0 : 0.0).Average();
        Assert.True(agree > 0.999, $"{agree:P2} of pixels agree with PyTorch");
    }

    [Fact]
    public void Bad_inputs_end_in_one_line_and_write_nothing()
    {
        string weights = new NetworkOracle("u2netp").MakeWeights(seed: 3);
        string empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        string output = Path.Combine(_dir, "out-bad");
        CliRunner.Result none = CliRunner.Run("predict", "--model", "u2netp", "--weights", weights, "--input", empty, "--output", output);
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains($"folder '{empty}' holds no image", none.Stderr);

        string broken = Path.Combine(_dir, "broken.png");
        File.WriteAllBytes(broken, new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3 });
        CliRunner.Result bad = CliRunner.Run("predict", "--model", "u2netp", "--weights", weights, "--input", broken, "--output", output);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(broken, bad.Stderr);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output) : []);
    }
}
