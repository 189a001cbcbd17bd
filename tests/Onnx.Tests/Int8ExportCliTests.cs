using System.IO;
using System.Linq;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary><c>segment export --quantize int8 --calibrate DATA</c> as a user runs it, and <c>predict --onnx</c> on what it writes.</summary>
public sealed class Int8ExportCliTests
{
    [Fact]
    public void An_int8_export_calibrates_reports_its_accuracy_beside_fp32_and_predicts()
    {
        string dir = RepoPaths.NewTempDirectory("cli-int8");
        string data = Path.Combine(dir, "data");
        Check(SegmentCli.Run("synth", "--out", data, "--train-images", "4", "--test-images", "3", "--size", "72"));
        using ISegmentationNetwork network = SeededNetworks.Create("u2net-small4", seed: 8);
        string weights = Path.Combine(dir, "w.pth");
        TorchCheckpoint.Save(weights, ((nn.Module)network).state_dict());
        string model = Path.Combine(dir, "m.int8.onnx");

        SegmentCli.Result r = SegmentCli.Run("export", "--model", "u2net-small4", "--weights", weights, "--output", model,
            "--quantize", "int8", "--calibrate", data, "--layout", "duts", "--calibration-images", "4", "--threads", "1");

        Check(r);
        Assert.Contains("ONNX opset 13, input [1, 3, 64, 64]", r.Stdout);
        Assert.Matches(@"int8: \d+ convolutions \(weights int8 per output channel\) and \d+ activations \(uint8 per tensor, calibrated on 4 train images\) in QDQ form", r.Stdout);
        Assert.Matches(@"accuracy on 3 val images: int8 max F 0\.\d{4} \(fp32 0\.\d{4}\), MAE 0\.\d{4} \(fp32 0\.\d{4}\)", r.Stdout);

        string image = Directory.GetFiles(Path.Combine(data, "DUTS-TE", "DUTS-TE-Image")).Order().First();
        string output = Path.Combine(dir, "masks");
        Check(SegmentCli.Run("predict", "--onnx", model, "--input", image, "--output", output));
        Assert.True(File.Exists(Path.Combine(output, Path.GetFileNameWithoutExtension(image) + ".png")));
    }

    [Theory]
    [InlineData("segment export: --quantize int8 needs --opset 13 or later (per-channel DequantizeLinear), got 11", "--quantize", "int8", "--calibrate", "d", "--layout", "duts", "--opset", "11")]
    [InlineData("segment export: --calibrate, --layout, --calibration-images and --eval-images go with --quantize int8", "--calibrate", "d", "--layout", "duts")]
    [InlineData("segment export: --quantize int8 needs --calibrate DATA (a dataset folder, with --layout)", "--quantize", "int8")]
    [InlineData("segment export: --quantize must be int8, got 'int4'", "--quantize", "int4")]
    [InlineData("segment export: --quantize int8 quantizes the convolutions with their BatchNorm folded in: drop --no-fold", "--quantize", "int8", "--no-fold")]
    public void A_quantization_mistake_is_one_clear_line_and_no_file(string message, params string[] options)
    {
        string dir = RepoPaths.NewTempDirectory("cli-int8-usage");
        SegmentCli.Result r = SegmentCli.Run(["export", "--model", "u2net-small4", "--output", Path.Combine(dir, "m.onnx"), .. options]);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    private static void Check(SegmentCli.Result r) => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
}
