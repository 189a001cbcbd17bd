using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// `predict` and `eval` on weights run the network in ONNX Runtime by default (exported once per weights file into the
/// cache folder, nothing written beside the weights) and give what the TorchSharp engine gives: masks within one grey
/// level, the same metrics.
/// </summary>
public sealed class EngineTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("engine");

    private (string Name, string Value)[] Cache => [("SEGMENT_CACHE_DIR", Path.Combine(_dir, "cache"))];

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(TimeSpan.FromMinutes(5), Cache, args);

    private string WriteImage(string name, int width, int height, int seed)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)random.Next(256), (byte)(y * 255 / height));
        string path = Path.Combine(_dir, name);
        image.SaveAsPng(path);
        return path;
    }

    private static int WorstDifference(string a, string b)
    {
        using var x = Image.Load<Rgba32>(a);
        using var y = Image.Load<Rgba32>(b);
        Assert.Equal((x.Width, x.Height), (y.Width, y.Height));
        int worst = 0;
        for (int row = 0; row < x.Height; row++)
            for (int col = 0; col < x.Width; col++)
            {
                Rgba32 p = x[col, row], q = y[col, row];
                worst = Math.Max(worst, new[] { Math.Abs(p.R - q.R), Math.Abs(p.G - q.G), Math.Abs(p.B - q.B), Math.Abs(p.A - q.A) }.Max());
            }
        return worst;
    }

    [Theory]
    [InlineData("u2netp")]
    [InlineData("unet")]
    public void Predict_runs_onnx_runtime_by_default_with_the_torchsharp_masks_and_caches_the_export_away_from_the_weights(string model)
    {
        string weights = new NetworkOracle(model).MakeWeights(seed: 6);
        string[] besideWeights = Directory.GetFiles(Path.GetDirectoryName(weights)!);
        string image = WriteImage("e.png", 83, 59, 5);
        string torch = Path.Combine(_dir, "torch"), ort = Path.Combine(_dir, "ort"), again = Path.Combine(_dir, "again");
        string[] predict = ["predict", "--model", model, "--weights", weights, "--input", image, "--cutout"];
        CliRunner.Result a = Run([.. predict, "--output", torch, "--engine", "torchsharp"]);
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "cache")), "the TorchSharp engine exports nothing");
        CliRunner.Result b = Run([.. predict, "--output", ort]);
        Assert.True(b.ExitCode == 0, b.Stderr);

        string[] cached = Directory.GetFiles(Path.Combine(_dir, "cache", "onnx"));
        Assert.Single(cached);
        Assert.StartsWith(model + "-", Path.GetFileName(cached[0]));
        Assert.Equal(besideWeights, Directory.GetFiles(Path.GetDirectoryName(weights)!));
        DateTime written = File.GetLastWriteTimeUtc(cached[0]);

        // The second run reads the cached export instead of writing it again, and gives the same files.
        Assert.Equal(0, Run([.. predict, "--output", again, "--engine", "onnxruntime"]).ExitCode);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(Path.Combine(_dir, "cache", "onnx")))));
        Assert.Equal(File.ReadAllBytes(Path.Combine(ort, "e.cutout.png")), File.ReadAllBytes(Path.Combine(again, "e.cutout.png")));

        if (model == "unet")
        {
            // Class indices: an argmax can flip only where two classes' scores tie to within float rounding.
            byte[] p = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(torch, "e.png")).Values;
            byte[] q = Segment.Imaging.ImageDecoding.ReadLabels(Path.Combine(ort, "e.png")).Values;
            Assert.True(p.Zip(q, (u, v) => u == v ? 1.0 : 0.0).Average() > 0.999);
        }
        else
            Assert.True(WorstDifference(Path.Combine(torch, "e.png"), Path.Combine(ort, "e.png")) <= 1);
        Assert.True(WorstDifference(Path.Combine(torch, "e.cutout.png"), Path.Combine(ort, "e.cutout.png")) <= 1);
    }

    [Fact]
    public void Predict_over_a_folder_runs_images_side_by_side_and_writes_what_one_at_a_time_writes()
    {
        string weights = new NetworkOracle("u2netp").MakeWeights(seed: 7);
        string folder = Path.Combine(_dir, "folder");
        Directory.CreateDirectory(folder);
        for (int i = 0; i < 5; i++)
            File.Move(WriteImage($"f{i}.png", 40 + 13 * i, 70 - 7 * i, i), Path.Combine(folder, $"f{i}.png"));
        string together = Path.Combine(_dir, "together"), alone = Path.Combine(_dir, "alone");
        string[] predict = ["predict", "--model", "u2netp", "--weights", weights, "--input", folder, "--cutout"];

        CliRunner.Result a = Run([.. predict, "--output", together, "--threads", "2"]);
        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Contains("predict: 2 images at once, 1 thread each", a.Stderr);
        CliRunner.Result b = Run([.. predict, "--output", alone, "--threads", "1"]);
        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.DoesNotContain("at once", b.Stderr);

        // Listed in input order either way; each run on one thread, so the same arithmetic and the same bytes.
        Assert.Equal(b.Stdout.Replace(alone, together, StringComparison.Ordinal), a.Stdout);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Path.Combine(folder, $"f{i}.png")), a.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(" -> ")[0]));
        Assert.Equal(10, Directory.GetFiles(together).Length);
        foreach (string file in Directory.GetFiles(alone))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(together, Path.GetFileName(file))));
    }

    [Fact]
    public void Eval_gives_the_same_figures_on_both_engines()
    {
        string data = Path.Combine(_dir, "data");
        Assert.Equal(0, Run("synth", "--out", data, "--train-images", "1", "--test-images", "3").ExitCode);
        string weights = new NetworkOracle("u2netp").MakeWeights(seed: 8);
        string[] eval = ["eval", "--model", "u2netp", "--weights", weights, "--data", data, "--layout", "duts", "--size", "64", "--json"];
        CliRunner.Result torch = Run([.. eval, "--engine", "torchsharp"]);
        CliRunner.Result ort = Run(eval);
        Assert.True(torch.ExitCode == 0, torch.Stderr);
        Assert.True(ort.ExitCode == 0, ort.Stderr);
        using var t = JsonDocument.Parse(torch.Stdout);
        using var o = JsonDocument.Parse(ort.Stdout);
        foreach (string metric in new[] { "mae", "max_f" })
            Assert.Equal(t.RootElement.GetProperty(metric).GetDouble(), o.RootElement.GetProperty(metric).GetDouble(), 1e-4);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "cache", "onnx")));
    }

    [Fact]
    public void An_unknown_engine_is_refused_in_one_line()
    {
        CliRunner.Result r = Run("predict", "--model", "u2netp", "--weights", "w.pth", "--input", WriteImage("f.png", 8, 8, 1), "--output", Path.Combine(_dir, "o"), "--engine", "tensorrt");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--engine must be torchsharp or onnxruntime", r.Stderr);
    }
}

/// <summary>The class scores eval reads (logits on TorchSharp, log-probabilities on ONNX Runtime) give the same classes after the metrics' bilinear resize.</summary>
public sealed class EngineScoresTests
{
    [Fact]
    public void Onnx_runtime_log_probabilities_and_torchsharp_logits_give_the_same_resized_classes()
    {
        torch.manual_seed(4);
        using var network = Segment.Examples.Networks.GeneratedNetworks.Create("unet-aux");   // 3 classes
        using var x = torch.randn(1, 3, 40, 48);
        // BatchNorm statistics from the input itself (train-mode passes): freshly initialised ones paint one class everywhere.
        var module = (torch.nn.Module)network;
        module.train();
        using (torch.no_grad())
            for (int i = 0; i < 30; i++)
                using (torch.NewDisposeScope())
                    network.ForwardNamed(x);
        module.eval();
        byte[] model = network.BuildOnnx(Segment.Cli.Inference.OnnxModelCache.Options(network, null, null)).ToBytes();
        using var ort = new Segment.Cli.Inference.OnnxRuntimePredictor(model, network.Classes, threads: 1);
        using var ts = new Segment.Runtime.NN.TorchSharpPredictor(network, torch.CPU);
        using var a = Segment.Runtime.Metrics.PredictionResize.to_size(ts.Scores(x), 57, 61).argmax(1);
        using var b = Segment.Runtime.Metrics.PredictionResize.to_size(ort.Scores(x), 57, 61).argmax(1);
        double agree = a.eq(b).to(ScalarType.Float32).mean().item<float>();
        Assert.True(agree > 0.999, $"{agree:P3} of pixels agree");
        Assert.True(a.unique().output.shape[0] > 1, "the classes vary over the image");
    }
}
