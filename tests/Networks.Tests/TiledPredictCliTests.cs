using System;
using System.IO;
using System.Linq;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>`predict --tile N --overlap M`: a UNet's masks in tiles at the image's size, and each wrong use refused in one line.</summary>
public sealed class TiledPredictCliTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("tiled");

    private string Image(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), 90);
        string path = Path.Combine(_dir, "t.png");
        image.SaveAsPng(path);
        return path;
    }

    private CliRunner.Result Run(params string[] args) =>
        CliRunner.Run(TimeSpan.FromMinutes(5), [("SEGMENT_CACHE_DIR", Path.Combine(_dir, "cache"))], args);

    [Fact]
    public void A_unet_predicts_in_tiles_at_the_images_size()
    {
        string weights = new NetworkOracle("unet").MakeWeights(seed: 9);
        string image = Image(150, 70), output = Path.Combine(_dir, "out");
        CliRunner.Result r = Run("predict", "--model", "unet", "--weights", weights, "--input", image, "--output", output, "--tile", "64", "--overlap", "0.5");
        Assert.True(r.ExitCode == 0, r.Stderr);
        byte[] classes = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(output, "t.png")).Values;
        Assert.Equal(150 * 70, classes.Length);
        Assert.All(classes, c => Assert.True(c < 2));
    }

    [Fact]
    public void A_dynamic_unet_export_predicts_in_tiles_as_the_weights_do_and_a_static_one_is_refused()
    {
        string weights = new NetworkOracle("unet").MakeWeights(seed: 9);
        string image = Image(150, 70), dynamic = Path.Combine(_dir, "unet.onnx"), fixedSize = Path.Combine(_dir, "unet-static.onnx");
        Assert.Equal(0, Run("export", "--model", "unet", "--weights", weights, "--output", dynamic, "--dynamic").ExitCode);
        Assert.Equal(0, Run("export", "--model", "unet", "--weights", weights, "--output", fixedSize, "--size", "64x64").ExitCode);
        string[] tiling = ["--input", image, "--tile", "64", "--overlap", "0.5"];
        CliRunner.Result a = Run(["predict", "--onnx", dynamic, "--output", Path.Combine(_dir, "a"), .. tiling]);
        CliRunner.Result b = Run(["predict", "--model", "unet", "--weights", weights, "--output", Path.Combine(_dir, "b"), .. tiling]);
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.True(b.ExitCode == 0, b.Stderr);
        byte[] p = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(_dir, "a", "t.png")).Values;
        byte[] q = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(_dir, "b", "t.png")).Values;
        Assert.True(p.Zip(q, (u, v) => u == v ? 1.0 : 0.0).Average() > 0.999);

        CliRunner.Result refused = Run(["predict", "--onnx", fixedSize, "--output", Path.Combine(_dir, "c"), .. tiling]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("tiles need a UNet or UNet++ exported with --dynamic", refused.Stderr);
    }

    [Theory]
    [InlineData("u2netp", new[] { "--tile", "64" }, "--tile is for the networks that take any size")]
    [InlineData("unet", new[] { "--tile", "60" }, "--tile 60 must be a multiple of 16")]
    [InlineData("unet", new[] { "--tile", "64", "--overlap", "1" }, "--overlap is a fraction of the tile from 0 to below 1")]
    [InlineData("unet", new[] { "--overlap", "0.5" }, "--overlap goes with --tile N")]
    public void Wrong_tiling_is_refused_in_one_line(string model, string[] tiling, string message)
    {
        string weights = new NetworkOracle(model).MakeWeights(seed: 9);
        CliRunner.Result r = Run(["predict", "--model", model, "--weights", weights, "--input", Image(40, 40), "--output", Path.Combine(_dir, "o"), .. tiling]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
