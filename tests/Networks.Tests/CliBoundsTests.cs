using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// Out-of-range options, NaN inputs and libtorch's backtraces as the command line meets them: each ends in one line
/// (exit 1), or in a one-line warning with exit 0 for NaN input, never in "unexpected ..." with exit 2.
/// </summary>
public sealed class CliBoundsTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);
    private readonly string _dir = RepoPaths.NewTempDirectory("cli-bounds");

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>(command line before the option, option, its bound): every command's bounded numbers.</summary>
    private static readonly (string[] Before, string Option, long Max)[] Bounded =
    [
        (["predict", "--model", "u2netp", "--weights", "w.pth", "--input", "in.jpg", "--output", "o"], "size", 8192),
        (["predict", "--model", "unet", "--weights", "w.pth", "--input", "in.jpg", "--output", "o"], "tile", 8192),
        (["synth", "--out", "s"], "size", 4096),
        (["synth", "--out", "s"], "train-images", 100_000),
        (["demo", "--out", "d"], "size", 4096),
        (["demo", "--out", "d"], "epochs", 100_000),
        (["train", "--model", "u2netp", "--data", "d", "--layout", "duts", "--out", "r"], "size", 8192),
        (["train", "--model", "u2netp", "--data", "d", "--layout", "duts", "--out", "r"], "epochs", 100_000),
        (["train", "--model", "u2netp", "--data", "d", "--layout", "duts", "--out", "r"], "batch-size", 4096),
        (["train", "--model", "u2netp", "--data", "d", "--layout", "duts", "--out", "r"], "workers", 256),
        (["eval", "--model", "u2netp", "--weights", "w.pth", "--data", "d", "--layout", "duts"], "size", 8192),
        (["bench", "--model", "u2netp"], "runs", 1_000_000),
        (["bench", "--model", "u2netp"], "batch", 4096),
        (["export", "--model", "unetpp-ds", "--output", "m.onnx"], "head", 64),
    ];

    public static IEnumerable<object[]> OutOfRange()
    {
        var random = new Random(20);
        for (int i = 0; i < Bounded.Length; i++)
        {
            long max = Bounded[i].Max;
            yield return [i, (max + 1).ToString()];
            yield return [i, random.NextInt64(max + 2, int.MaxValue).ToString()];
        }
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void An_option_above_its_bound_is_bad_input_in_one_line(int index, string value)
    {
        var (before, option, max) = Bounded[index];
        CliRunner.Result r = CliRunner.Run(Quick, [.. before.Select(a => a.Contains('.') || a.Length == 1 ? P(a) : a), "--" + option, value]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"segment {before[0]}: option '--{option}' is at most {max}, got '{value}'{(option == "size" ? " (larger inputs do not fit in memory)" : "")}", r.Stderr.Trim());
    }

    [Fact]
    public void A_size_pair_above_the_bound_is_refused_per_side()
    {
        CliRunner.Result r = CliRunner.Run(Quick, "bench", "--model", "u2netp", "--size", "32x100000");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("segment bench: option '--size' takes sides of at most 8192, got '32x100000' (larger inputs do not fit in memory)", r.Stderr.Trim());
    }

    [Fact]
    public void Nan_and_inf_in_an_input_array_are_counted_in_a_warning()
    {
        var oracle = new NetworkOracle("u2netp");
        var random = new Random(7);
        int nan = random.Next(1, 20), inf = random.Next(1, 20);
        string input = P("nan.npy");
        var values = new float[3 * 32 * 32];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        int[] positions = Enumerable.Range(0, values.Length).OrderBy(_ => random.Next()).Take(nan + inf).ToArray();
        for (int k = 0; k < positions.Length; k++)
            values[positions[k]] = k < nan ? float.NaN : float.NegativeInfinity;
        using (var t = torch.tensor(values).reshape(1, 3, 32, 32))
            File.WriteAllBytes(input, Segment.Runtime.Serialization.Npy.Write(t));
        CliRunner.Result r = CliRunner.Run(Quick, "infer", "--model", "u2netp", "--weights", oracle.MakeWeights(seed: 1), "--input", input, "--output", P("y.npy"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"segment infer: warning: input '{input}' holds {nan} NaN and {inf} infinite values of 3,072; outputs computed from them are NaN", r.Stderr.Trim());
    }

    [Fact]
    public void A_training_crop_over_the_memory_budget_is_refused_before_the_data_is_read()
    {
        // The data folder does not exist: the budget is checked first, so the message is about memory.
        CliRunner.Result r = CliRunner.Run(Quick, [("SEGMENT_MEMORY_LIMIT_MB", "2048")],
            "train", "--model", "u2netp", "--data", P("no-data"), "--layout", "duts", "--out", P("run"), "--crop", "512");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("segment train: u2netp: a 16 x 3 x 512 x 512 training batch needs about", r.Stderr.Trim());
        Assert.Contains("more than the 2.1 GB of memory available (SEGMENT_MEMORY_LIMIT_MB); use a smaller crop or batch", r.Stderr);
    }

    [Fact]
    public void Demo_with_one_epoch_trains_without_warmup_instead_of_refusing()
    {
        CliRunner.Result r = CliRunner.Run(TimeSpan.FromMinutes(3), "demo", "--epochs", "1", "--train-images", "8", "--size", "32", "--out", P("demo"));
        Assert.DoesNotContain("warmup", r.Stderr);
        Assert.Contains("0 warmup epoch(s)", File.ReadAllText(Path.Combine(P("demo"), "run", "report.html")));
    }

    public static IEnumerable<object[]> Backtraces()
    {
        var random = new Random(3);
        string[] heads = ["[enforce fail at alloc_cpu.cpp:116] . DefaultCPUAllocator: can't allocate memory: you tried to allocate 1234 bytes. Error code 12 (Cannot allocate memory)",
                          "Expected more than 1 value per channel when training, got input size [1, 64, 1, 1]"];
        foreach (string head in heads)
            for (int i = 0; i < 2; i++)
            {
                int frames = random.Next(5, 60);
                string trace = string.Concat(Enumerable.Range(0, frames).Select(f => $"\nframe #{f}: c10::ThrowEnforceNotMet(char const*, int) + 0x{random.Next():x} (0x7f in /lib/libc10.so)"));
                yield return [head, head + "\nException raised from alloc at ../c10/core/impl/alloc_cpu.cpp:116 (most recent call first):" + trace];
            }
    }

    [Theory]
    [MemberData(nameof(Backtraces))]
    public void Native_messages_are_cut_to_their_first_sentence(string head, string message)
    {
        Assert.Equal(head, NativeMessages.FirstSentence(message));
        string longOne = "x " + new string('y', NativeMessages.MaxLength) + ". Then more.";
        Assert.True(NativeMessages.FirstSentence(longOne).Length <= NativeMessages.MaxLength + 3);
    }
}
