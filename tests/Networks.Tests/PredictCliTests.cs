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

    [Theory]
    [InlineData("u2netp", false)]   // static 320 x 320, as U2Net predicts
    [InlineData("unet", true)]      // dynamic: the image's own size rounded up to 16
    public void Predict_with_onnx_writes_the_same_masks_as_the_torchsharp_path(string model, bool dynamic)
    {
        string weights = new NetworkOracle(model).MakeWeights(seed: 5);
        string image = WriteImage("d.png", 90, 61, 4);
        string onnx = Path.Combine(_dir, model + ".onnx");
        string[] export = ["export", "--model", model, "--weights", weights, "--output", onnx];
        Assert.Equal(0, CliRunner.Run(dynamic ? [.. export, "--dynamic"] : export).ExitCode);

        string torch = Path.Combine(_dir, "torch-" + model), ort = Path.Combine(_dir, "ort-" + model);
        CliRunner.Result a = CliRunner.Run("predict", "--model", model, "--weights", weights, "--input", image, "--output", torch, "--cutout", "--engine", "torchsharp");
        CliRunner.Result b = CliRunner.Run("predict", "--onnx", onnx, "--input", image, "--output", ort, "--cutout");
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.True(b.ExitCode == 0, b.Stderr);
        if (model == "unet")
        {
            // Class indices: an argmax can flip where two classes' scores tie to within float rounding.
            byte[] p = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(torch, "d.png")).Values;
            byte[] q = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(ort, "d.png")).Values;
            double agree = p.Zip(q, (u, v) => u == v ? 1.0 : 0.0).Average();
            Assert.True(agree > 0.999, $"{agree:P3} of pixels agree");
        }
        foreach (string file in model == "unet" ? new[] { "d.cutout.png" } : new[] { "d.png", "d.cutout.png" })
        {
            using var x = Image.Load<Rgba32>(Path.Combine(torch, file));
            using var y = Image.Load<Rgba32>(Path.Combine(ort, file));
            Assert.Equal((x.Width, x.Height), (y.Width, y.Height));
            int worst = 0;
            for (int row = 0; row < x.Height; row++)
                for (int col = 0; col < x.Width; col++)
                {
                    Rgba32 p = x[col, row], q = y[col, row];
                    worst = Math.Max(worst, new[] { Math.Abs(p.R - q.R), Math.Abs(p.G - q.G), Math.Abs(p.B - q.B), Math.Abs(p.A - q.A) }.Max());
                }
            Assert.True(worst <= 1, $"{model} {file}: {worst} levels apart");
        }
    }

    [Fact]
    public void Predict_with_onnx_over_a_folder_runs_images_side_by_side_and_stops_at_a_broken_one()
    {
        string weights = new NetworkOracle("u2netp").MakeWeights(seed: 9);
        string onnx = Path.Combine(_dir, "u2netp.onnx");
        Assert.Equal(0, CliRunner.Run("export", "--model", "u2netp", "--weights", weights, "--output", onnx).ExitCode);
        for (int i = 0; i < 4; i++)
            WriteImage($"f{i}.png", 50 + 9 * i, 80 - 11 * i, 10 + i);
        string folder = Path.Combine(_dir, "in"), together = Path.Combine(_dir, "together"), alone = Path.Combine(_dir, "alone");

        CliRunner.Result a = CliRunner.Run("predict", "--onnx", onnx, "--input", folder, "--output", together, "--threads", "2");
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Contains("predict: 2 images at once, 1 thread each", a.Stderr);
        CliRunner.Result b = CliRunner.Run("predict", "--onnx", onnx, "--input", folder, "--output", alone, "--threads", "1");
        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.Equal(b.Stdout.Replace(alone, together, StringComparison.Ordinal), a.Stdout);
        foreach (string file in Directory.GetFiles(alone))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(together, Path.GetFileName(file))));

        // A file that is not an image ends the run after the images before it, in input order, with one line.
        File.WriteAllText(Path.Combine(folder, "f1.png"), "not a png");
        string broken = Path.Combine(_dir, "broken");
        CliRunner.Result c = CliRunner.Run("predict", "--onnx", onnx, "--input", folder, "--output", broken, "--threads", "2");
        Assert.NotEqual(0, c.ExitCode);
        Assert.Contains("f1.png", c.Stderr);
        Assert.Equal(["f0.png"], Directory.GetFiles(broken).Select(Path.GetFileName));
    }

    [Fact]
    public void The_deployment_library_needs_no_libtorch()
    {
        // An application deploys with Segment.Deploy, Segment.Imaging and the ONNX Runtime package alone.
        var references = typeof(Segment.Deploy.OnnxSegmenter).Assembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Contains("Microsoft.ML.OnnxRuntime", references);
        Assert.Contains("Segment.Imaging", references);
        Assert.DoesNotContain(references, r => r.StartsWith("TorchSharp", StringComparison.Ordinal) || r == "Segment.Runtime");
        var imaging = typeof(Segment.Imaging.RgbImage).Assembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.DoesNotContain(imaging, r => r.StartsWith("TorchSharp", StringComparison.Ordinal) || r == "Segment.Runtime");
    }
}
