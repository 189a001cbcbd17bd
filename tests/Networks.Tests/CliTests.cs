using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>./segment summary and ./segment infer, end to end, including their bad-input paths.</summary>
public sealed class CliTests
{
    [Theory]
    [InlineData("u2net", "43,995,469")]
    [InlineData("u2netp", "1,128,333")]
    public void Summary_prints_stages_and_the_total(string model, string total)
    {
        CliRunner.Result r = CliRunner.Run("summary", "--model", model);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"Total parameters: {total}", r.Stdout);
        foreach (string stage in new[] { "En1", "En6", "De5", "De1" })
            Assert.Contains(stage, r.Stdout);
        Assert.Contains("ceil(H/32)", r.Stdout);
    }

    [Theory]
    [InlineData("unet", "17,263,042")]
    [InlineData("unet-transposed", "31,037,698")]
    [InlineData("unet32", "4,318,434")]
    [InlineData("unetpp", "9,163,329")]
    [InlineData("unetpp-ds", "9,163,428")]
    public void Summary_covers_the_unet_families(string model, string total)
    {
        CliRunner.Result r = CliRunner.Run("summary", "--model", model);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"Total parameters: {total}", r.Stdout);
    }

    [Fact]
    public void Infer_writes_each_head_of_a_deeply_supervised_unetpp()
    {
        var oracle = new NetworkOracle("unetpp-ds");
        string weights = oracle.MakeWeights(seed: 31);
        string input = oracle.MakeInput(seed: 32, 2, 3, 48, 32);
        string reference = oracle.Forward(weights, input, "eval");
        string output = Path.Combine(oracle.Folder, "y.npy");

        CliRunner.Result r = CliRunner.Run("infer", "--model", "unetpp-ds", "--weights", weights, "--input", input,
                                           "--output", output, "--all-outputs");
        Assert.True(r.ExitCode == 0, r.Stderr);
        for (int k = 1; k <= 4; k++)
        {
            using Tensor head = Npy.Load(Path.Combine(oracle.Folder, $"y.out{k}.npy"));
            using Tensor expected = NetworkOracle.Load(reference, $"out{k}");
            Close.Assert(expected, head, 1e-4, 1e-4, $"infer unetpp-ds out{k}");
        }
        // The probabilities are the deepest head's, X(0, 4), as the UNet++ reference validates (not out1, the first output).
        using Tensor probabilities = Npy.Load(output);
        using Tensor deepest = NetworkOracle.Load(reference, "out4");
        using Tensor expectedProbabilities = deepest.sigmoid();
        Close.Assert(expectedProbabilities, probabilities, 1e-4, 1e-4, "infer unetpp-ds probabilities of out4");
    }

    private const double TrainFloat32Tolerance = 2e-3;

    [Fact]
    public void Infer_matches_pytorch_and_writes_every_side()
    {
        var oracle = new NetworkOracle("u2netp");
        string weights = oracle.MakeWeights(seed: 21);
        string input = oracle.MakeInput(seed: 22, 1, 3, 97, 75);
        // The command line computes in float32, and so does this reference. In train mode batch statistics of the
        // 4x3 maps deep in the network amplify rounding: PyTorch 1.13's own float32 result differs from its float64
        // one by ~1e-3 there, so float32 results of two libtorch versions agree to about that (measured: 2.8e-4).
        // The wiring is checked at 1e-4 in float64 by U2NetEquivalenceTests.
        string reference = oracle.Forward(weights, input, "train", dtype: ScalarType.Float32);
        string output = Path.Combine(oracle.Folder, "y.npy");

        CliRunner.Result r = CliRunner.Run("infer", "--model", "u2netp", "--weights", weights, "--input", input,
                                           "--output", output, "--mode", "train", "--all-outputs");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using (Tensor fused = Npy.Load(output))
        using (Tensor expected = NetworkOracle.Load(reference, "fused"))
            Close.Assert(expected, fused, TrainFloat32Tolerance, TrainFloat32Tolerance, "infer --mode train fused");
        for (int k = 1; k <= 6; k++)
        {
            using Tensor side = Npy.Load(Path.Combine(oracle.Folder, $"y.side{k}.npy"));
            using Tensor expected = NetworkOracle.Load(reference, $"side{k}");
            Close.Assert(expected, side, TrainFloat32Tolerance, TrainFloat32Tolerance, $"infer side{k}");
        }

        string evalReference = oracle.Forward(weights, input, "eval");
        string evalOutput = Path.Combine(oracle.Folder, "p.npy");
        r = CliRunner.Run("infer", "--model", "u2netp", "--weights", weights, "--input", input, "--output", evalOutput);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using Tensor prob = Npy.Load(evalOutput);
        using Tensor expectedProb = NetworkOracle.Load(evalReference, "prob");
        Close.Assert(expectedProb, prob, 1e-4, 1e-4, "infer --mode eval probabilities");
    }

    [Fact]
    public void Train_resume_and_eval_on_a_duts_folder()
    {
        string dir = RepoPaths.NewTempDirectory("train");
        string data = Path.Combine(dir, "data"), run = Path.Combine(dir, "run2");
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--train-images", "16", "--test-images", "4").ExitCode);
        string[] train = ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", run, "--batch-size", "8", "--size", "64"];
        CliRunner.Result first = CliRunner.Run([.. train, "--epochs", "1"]);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Contains("epoch 1: train loss", first.Stdout);
        CliRunner.Result resumed = CliRunner.Run([.. train, "--epochs", "2", "--resume", Path.Combine(run, "last.pth")]);
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Contains("epoch 2: train loss", resumed.Stdout);
        Assert.DoesNotContain("epoch 1: train loss", resumed.Stdout);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);

        CliRunner.Result eval = CliRunner.Run("eval", "--model", "u2netp", "--weights", Path.Combine(run, "best.pth"), "--data", data, "--layout", "duts", "--size", "64", "--json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(eval.Stdout);
        Assert.True(json.RootElement.GetProperty("mae").GetDouble() is >= 0 and <= 1);
        Assert.True(json.RootElement.GetProperty("max_f").GetDouble() is >= 0 and <= 1);

        // The run folder remembers the training configuration: eval on its weights alone measures what the explicit
        // command measures, and at another --size something else (the size is the one the network runs at).
        CliRunner.Result remembered = CliRunner.Run("eval", "--weights", Path.Combine(run, "best.pth"), "--json");
        Assert.True(remembered.ExitCode == 0, remembered.Stderr);
        Assert.Equal(eval.Stdout, remembered.Stdout);
        CliRunner.Result other = CliRunner.Run("eval", "--weights", Path.Combine(run, "best.pth"), "--json", "--size", "96");
        Assert.True(other.ExitCode == 0, other.Stderr);
        Assert.NotEqual(eval.Stdout, other.Stdout);

        // predict on those weights runs at the same size by default: the same PNGs as --model u2netp --size 64.
        string image = Directory.GetFiles(Path.Combine(data, "DUTS-TE", "DUTS-TE-Image"), "*.jpg").Order().First();
        string byRun = Path.Combine(dir, "predicted-by-run"), explicitly = Path.Combine(dir, "predicted-explicitly"), at96 = Path.Combine(dir, "predicted-96");
        Assert.Equal(0, CliRunner.Run("predict", "--weights", Path.Combine(run, "best.pth"), "--input", image, "--output", byRun).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--model", "u2netp", "--weights", Path.Combine(run, "best.pth"), "--size", "64", "--input", image, "--output", explicitly).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--weights", Path.Combine(run, "best.pth"), "--size", "96", "--input", image, "--output", at96).ExitCode);
        string png = Path.GetFileNameWithoutExtension(image) + ".png";
        Assert.Equal(File.ReadAllBytes(Path.Combine(explicitly, png)), File.ReadAllBytes(Path.Combine(byRun, png)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(explicitly, png)), File.ReadAllBytes(Path.Combine(at96, png)));

        // A layout that does not match the folder: one line naming what is missing.
        CliRunner.Result wrong = CliRunner.Run([.. train.Take(6), "--layout", "voc", "--out", Path.Combine(dir, "run3")]);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Single(wrong.Stderr.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Bad_input_gives_one_line_and_a_non_zero_exit()
    {
        string dir = RepoPaths.NewTempDirectory("cli-bad");
        var oracle = new NetworkOracle("u2netp");
        string weights = oracle.MakeWeights(seed: 1);
        string wrongWeights = new NetworkOracle("u2net").MakeWeights(seed: 1);
        string input = oracle.MakeInput(seed: 2, 1, 3, 64, 64);
        string rank3 = Path.Combine(dir, "rank3.npy");
        using (Tensor t = torch.zeros([3, 64, 64])) Npy.Save(rank3, t);
        string output = Path.Combine(dir, "y.npy");

        AssertOneLineError(CliRunner.Run("infer", "--model", "u2netp", "--weights", Path.Combine(dir, "missing.pth"), "--input", input, "--output", output), "missing.pth");
        AssertOneLineError(CliRunner.Run("infer", "--model", "u2netp", "--weights", weights, "--input", Path.Combine(dir, "missing.npy"), "--output", output), "missing.npy");
        AssertOneLineError(CliRunner.Run("infer", "--model", "u2netp", "--weights", weights, "--input", rank3, "--output", output), "[3, 64, 64]");
        AssertOneLineError(CliRunner.Run("infer", "--model", "u2netp", "--weights", wrongWeights, "--input", input, "--output", output), "encode_modules");
        AssertOneLineError(CliRunner.Run("infer", "--model", "nonet", "--weights", weights, "--input", input, "--output", output), "u2netp");
        AssertOneLineError(CliRunner.Run("summary"), "--model");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Size_errors_read_as_command_line_text_without_a_csharp_parameter_name()
    {
        CliRunner.Result bench = CliRunner.Run("bench", "--model", "unetpp", "--size", "100x100", "--runs", "1");
        AssertOneLineError(bench, "pad 100x100 to 112x112");
        Assert.DoesNotContain("(Parameter '", bench.Stderr);

        string output = Path.Combine(RepoPaths.NewTempDirectory("cli-size"), "x.onnx");
        CliRunner.Result export = CliRunner.Run("export", "--model", "u2net-small4", "--output", output, "--size", "32x32");
        AssertOneLineError(export, "64 x 64");
        Assert.DoesNotContain("(Parameter '", export.Stderr);
    }

    [Fact]
    public void Bench_takes_no_warmup_runs()
    {
        CliRunner.Result r = CliRunner.Run("bench", "--model", "unetpp-3class", "--size", "16x16", "--runs", "1", "--warmup", "0");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("runs=1", r.Stdout);
    }

    [Fact]
    public void Bench_with_onnxruntime_times_the_exported_network_on_a_second_line()
    {
        CliRunner.Result r = CliRunner.Run("bench", "--model", "unetpp-3class", "--size", "16x16", "--runs", "2", "--warmup", "1", "--onnxruntime");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] lines = r.Stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("segment unetpp-3class 16x16 device=cpu threads=2", lines[0]);
        Assert.StartsWith("onnxruntime unetpp-3class 16x16 opset=17 threads=2 batch=1 runs=2 median_ms=", lines[1]);
        AssertOneLineError(CliRunner.Run("bench", "--model", "unetpp-3class", "--size", "16x16", "--train", "--onnxruntime"), "--onnxruntime times CPU inference");
    }

    [Fact]
    public void Bench_times_a_training_step_with_the_generated_loss()
    {
        CliRunner.Result r = CliRunner.Run("bench", "--model", "unetpp-3class", "--size", "16x16", "--batch", "2", "--runs", "2", "--warmup", "1", "--train");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("segment-train unetpp-3class 16x16 device=cpu", r.Stdout);
        Assert.Contains("median_ms=", r.Stdout);
    }

    [NoCudaFact]
    public void Device_cuda_without_a_gpu_is_one_clear_line()
    {
        CliRunner.Result r = CliRunner.Run("bench", "--model", "u2net-small4", "--runs", "1", "--device", "cuda");
        AssertOneLineError(r, "CUDA is not available");
        AssertOneLineError(CliRunner.Run("demo", "--model", "u2net-small4", "--epochs", "1", "--device", "gpu0"), "unknown device 'gpu0'");
    }

    private static void AssertOneLineError(CliRunner.Result r, string mentions)
    {
        Assert.NotEqual(0, r.ExitCode);
        string[] lines = r.Stderr.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + r.Stderr);
        Assert.Contains(mentions, lines.Single());
    }
}
