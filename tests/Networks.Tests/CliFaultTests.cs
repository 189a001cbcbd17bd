using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// What a hostile or careless command line does to `segment`: each case ends in one line on stderr and a non-zero
/// exit, within a time bound (CliRunner kills a run past it) and a 2 GiB managed heap, and leaves the user's files
/// (and devices, and FIFOs) as they were.
/// </summary>
public sealed class CliFaultTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    private readonly string _dir = RepoPaths.NewTempDirectory("cli-faults");

    private string P(string name) => Path.Combine(_dir, name);

    private string Fifo(string name)
    {
        string path = P(name);
        using var mk = Process.Start("mkfifo", path);
        mk.WaitForExit();
        return path;
    }

    private static string OneLine(CliRunner.Result r)
    {
        Assert.NotEqual(0, r.ExitCode);
        string[] lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        return lines[0];
    }

    [Theory]
    [InlineData("0", "positive whole number")]
    [InlineData("1000", "logical cores")]
    [InlineData("100000", "logical cores")]
    [InlineData("2147483647", "logical cores")]
    public void Threads_are_bounded_by_the_logical_cores(string threads, string says)
    {
        string line = OneLine(CliRunner.Run(Quick, "bench", "--model", "u2netp", "--size", "32x32", "--runs", "1", "--threads", threads));
        Assert.Contains(says, line);
    }

    [Fact]
    public void A_fifo_as_weights_or_input_is_refused_instead_of_blocking_forever()
    {
        var oracle = new NetworkOracle("u2netp");
        string input = oracle.MakeInput(seed: 2, 1, 3, 32, 32);
        string fifo = Fifo("pipe");
        Assert.Equal($"segment infer: weights '{fifo}' is a FIFO (named pipe), not a regular file",
            OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", fifo, "--input", input, "--output", P("y.npy"))));
        Assert.Equal($"segment infer: input '{fifo}' is a FIFO (named pipe), not a regular file",
            OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", oracle.MakeWeights(seed: 1), "--input", fifo, "--output", P("y.npy"))));
        Assert.Equal("segment infer: input '/dev/zero' is a character device, not a regular file",
            OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", oracle.MakeWeights(seed: 1), "--input", "/dev/zero", "--output", P("y.npy"))));
    }

    [Fact]
    public void Outputs_that_are_not_regular_files_are_refused_before_any_work_and_left_alone()
    {
        var oracle = new NetworkOracle("u2netp");
        string input = oracle.MakeInput(seed: 2, 1, 3, 32, 32);
        string fifo = Fifo("out-pipe");
        // The weights do not exist: the destination is checked first, so the error is about the destination.
        Assert.Equal($"segment infer: cannot write '{fifo}': it is a FIFO (named pipe), and only a regular file is replaced",
            OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", P("absent.pth"), "--input", input, "--output", fifo)));
        Assert.Equal("segment export: cannot write '/dev/null': it is a character device, and only a regular file is replaced",
            OneLine(CliRunner.Run(Quick, "export", "--model", "u2netp", "--output", "/dev/null")));
        Assert.Contains($"folder '{P("missing")}' does not exist",
            OneLine(CliRunner.Run(Quick, "export", "--model", "u2netp", "--output", P("missing/m.onnx"))));
        Assert.True(File.Exists(fifo));
        Assert.Empty(Directory.GetFiles(_dir, ".segment-*"));
    }

    [Fact]
    public void A_small_checkpoint_claiming_a_huge_expanded_tensor_is_refused_without_allocating_it()
    {
        // One 4-byte storage viewed as 2^16 x 2^16 floats (16 GiB) under a u2netp key: a file under a kilobyte.
        string pth = P("expanded.pth");
        var storage = new StoredStorage("0", CheckpointDType.Float32, 1, new byte[4]);
        CheckpointWriter.Write(pth, [new KeyValuePair<string, StoredTensor>("encode_modules.0.conv_in.conv.weight", new StoredTensor(storage, 0, [1L << 16, 1L << 16], [0, 0]))]);
        Assert.True(new FileInfo(pth).Length < 1024);
        string line = OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", pth, "--input", new NetworkOracle("u2netp").MakeInput(seed: 2, 1, 3, 32, 32), "--output", P("y.npy")));
        // One line: what the file resembles (1 of u2netp's keys is present) and the first reason it does not fit.
        Assert.Contains("seed U²-Net keys of part of a U²-Net (1 tensors), but the network is U2NETP: 'encode_modules.0.conv_in.conv.weight' has shape [65536, 65536] in the file and [64, 3, 3, 3] in the network", line);
        Assert.True(line.Length < 1500, $"{line.Length} characters");
    }

    [Fact]
    public void A_truncated_checkpoint_says_it_is_truncated()
    {
        string whole = new NetworkOracle("u2netp").MakeWeights(seed: 1);
        string cut = P("cut.pth");
        byte[] bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        Assert.Equal($"segment infer: {cut}: file is truncated or not a PyTorch checkpoint (it starts like a zip archive but its central directory is missing or damaged)",
            OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", cut, "--input", new NetworkOracle("u2netp").MakeInput(seed: 2, 1, 3, 32, 32), "--output", P("y.npy"))));
    }

    [Fact]
    public void Train_mode_on_a_single_32x32_image_raises_pytorchs_batch_norm_error()
    {
        var oracle = new NetworkOracle("u2netp");
        string line = OneLine(CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", oracle.MakeWeights(seed: 1), "--input", oracle.MakeInput(seed: 2, 1, 3, 32, 32), "--output", P("y.npy"), "--mode", "train"));
        Assert.Contains("Expected more than 1 value per channel when training, got input size [1, 16, 1, 1]", line);
        Assert.False(File.Exists(P("y.npy")));
    }

    [Fact]
    public void An_export_size_onnx_cannot_describe_exactly_is_refused()
    {
        string line = OneLine(CliRunner.Run(Quick, "export", "--model", "u2netp", "--size", "2147483647x2147483647", "--output", P("big.onnx")));
        Assert.Contains("larger than an ONNX model can describe exactly", line);
        Assert.False(File.Exists(P("big.onnx")));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_and_without_it_the_error_is_one_line()
    {
        string[] args = ["infer", "--model", "u2netp", "--weights", P("absent.pth"), "--input", P("absent.npy"), "--output", P("y.npy")];
        OneLine(CliRunner.Run(Quick, args));
        CliRunner.Result verbose = CliRunner.Run(Quick, [.. args, "--verbose"]);
        Assert.NotEqual(0, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Stderr);
    }

    [Fact]
    public void An_input_whose_feature_maps_cannot_fit_is_refused_with_the_estimate_and_the_limit()
    {
        var oracle = new NetworkOracle("u2netp");
        string input = oracle.MakeInput(seed: 2, 1, 3, 256, 256);
        string line = OneLine(CliRunner.Run(Quick, [("SEGMENT_MEMORY_LIMIT_MB", "200")],
            "infer", "--model", "u2netp", "--weights", oracle.MakeWeights(seed: 1), "--input", input, "--output", P("y.npy")));
        // u2netp at 256 x 256: 4 * (323 * 256^2 + the pooled levels' 64 channels each) = 90 MB of maps; x1.25 + 512 MB.
        Assert.Equal("segment infer: u2netp: a 1 x 3 x 256 x 256 input needs about 650 MB (90 MB of feature maps by the generator's eval-mode estimate, with margin), " +
                     "more than the 210 MB of memory available (SEGMENT_MEMORY_LIMIT_MB); use a smaller input or batch", line);
        Assert.False(File.Exists(P("y.npy")));
        // The same run with the limit raised goes through.
        Assert.Equal(0, CliRunner.Run(Quick, [("SEGMENT_MEMORY_LIMIT_MB", "2000")],
            "infer", "--model", "u2netp", "--weights", oracle.MakeWeights(seed: 1), "--input", input, "--output", P("y.npy")).ExitCode);
    }

    [Fact]
    public void Summary_prints_the_peak_activation_estimate()
    {
        CliRunner.Result r = CliRunner.Run(Quick, "summary", "--model", "u2netp", "--size", "1024x1024");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Peak activation memory (eval, batch 1, 1024x1024): 1.4 GB", r.Stdout);
    }
}
