using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary><c>segment export</c> as a user runs it: the model it writes, and one clear line for each mistake.</summary>
public sealed class ExportCliTests
{
    [Fact]
    public void Export_with_weights_writes_the_same_bytes_as_the_csharp_api()
    {
        string dir = RepoPaths.NewTempDirectory("cli-export");
        using ISegmentationNetwork network = SeededNetworks.Create("u2net-small4", seed: 21);
        string weights = Path.Combine(dir, "w.pth");
        TorchCheckpoint.Save(weights, ((nn.Module)network).state_dict());
        string viaApi = Path.Combine(dir, "api.onnx");
        network.ExportOnnx(viaApi, new OnnxExportOptions { Opset = 17, DynamicBatch = true });

        string viaCli = Path.Combine(dir, "cli.onnx");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "u2net-small4", "--weights", weights, "--output", viaCli, "--opset", "17", "--dynamic");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("ONNX opset 17, input [batch, 3, 64, 64]", r.Stdout);
        Assert.Equal(File.ReadAllBytes(viaApi), File.ReadAllBytes(viaCli));
        using JsonDocument check = JsonDocument.Parse(PythonOracle.Run("onnx_check.py", viaCli));
        Assert.Equal(new[] { "api.onnx", "cli.onnx", "w.pth" }, Directory.GetFiles(dir).Select(Path.GetFileName).OrderBy(n => n).ToArray());
    }

    [Fact]
    public void Dynamic_export_of_a_free_size_network_makes_height_and_width_symbolic()
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("cli-dynamic"), "m.onnx");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "u2netp", "--output", path, "--dynamic");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("input [batch, 3, height, width]", r.Stdout);
        using JsonDocument check = JsonDocument.Parse(PythonOracle.Run("onnx_check.py", path));
        string[] dims = check.RootElement.GetProperty("input_shapes").GetProperty("input").EnumerateArray().Select(d => d.ToString()).ToArray();
        Assert.Equal(new[] { "batch", "3", "height", "width" }, dims);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("18")]
    public void An_unsupported_opset_is_one_clear_line_and_no_file(string opset)
    {
        string dir = RepoPaths.NewTempDirectory("cli-opset");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "u2net-small4", "--output", Path.Combine(dir, "m.onnx"), "--opset", opset);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"segment export: --opset {opset} is not supported: the exporter writes ONNX opsets 11 to 17", r.Stderr.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_one_clear_line()
    {
        string dir = RepoPaths.NewTempDirectory("cli-unwritable");
        string inMissingFolder = Path.Combine(dir, "missing", "m.onnx");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "u2net-small4", "--output", inMissingFolder);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"segment export: cannot write '{inMissingFolder}': folder '{Path.GetDirectoryName(inMissingFolder)}' does not exist", r.Stderr.Trim());

        r = SegmentCli.Run("export", "--model", "u2net-small4", "--output", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("it is a folder", r.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void A_failed_export_leaves_an_existing_model_untouched()
    {
        string dir = RepoPaths.NewTempDirectory("cli-keep");
        string path = Path.Combine(dir, "m.onnx");
        File.WriteAllText(path, "previous model");

        // unet32 pools 4 times in floor mode: below 16 x 16 the seeds' UNet fails too (a U²-Net takes any size).
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "unet32", "--output", path, "--size", "8x8");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("needs inputs of at least 16 x 16", r.Stderr);
        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir));
    }

    [Fact]
    public void Head_2_prints_the_pruned_and_the_full_networks_cost_and_writes_the_api_bytes()
    {
        string dir = RepoPaths.NewTempDirectory("cli-head");
        using ISegmentationNetwork network = SeededNetworks.Create("unetpp-ds", seed: 4);
        string weights = Path.Combine(dir, "w.pth");
        TorchCheckpoint.Save(weights, ((nn.Module)network).state_dict());
        string viaApi = Path.Combine(dir, "api.onnx");
        network.ExportOnnx(viaApi, new OnnxExportOptions { Head = 2, Outputs = OnnxOutputs.All, Height = 64, Width = 48 });

        string viaCli = Path.Combine(dir, "cli.onnx");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "unetpp-ds", "--weights", weights, "--output", viaCli,
                                             "--size", "64x48", "--head", "2", "--outputs", "all");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("outputs: probabilities, out1, out2", r.Stdout);
        // 40,345,600 multiply-adds per 16 x 16 cell, 12 cells; the full network 134,733,824 per cell.
        Assert.Contains("cost of heads 1..2: 519,138 parameters, 0.48 G multiply-adds; the full network: 9,163,428 parameters, 1.62 G multiply-adds", r.Stdout);
        Assert.Equal(File.ReadAllBytes(viaApi), File.ReadAllBytes(viaCli));
    }

    [Theory]
    [InlineData("--outputs", "logits", "--outputs must be probabilities or all, got 'logits'")]
    [InlineData("--head", "2", "u2net-small4 has one head: Head (--head) prunes a UNet++ with deep supervision")]
    public void An_output_choice_the_network_cannot_make_is_one_clear_line_and_no_file(string option, string value, string message)
    {
        string dir = RepoPaths.NewTempDirectory("cli-outputs");
        SegmentCli.Result r = SegmentCli.Run("export", "--model", "u2net-small4", "--output", Path.Combine(dir, "m.onnx"), option, value);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"segment export: {message}", r.Stderr.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
