using System.IO;
using System.Linq;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary><c>segment convert</c>, <c>train --init --freeze encoder</c> and <c>--weights</c> on the world's formats, as a user runs them.</summary>
public sealed class ConvertCliTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("convert-cli");

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Convert_writes_each_format_and_refuses_what_does_not_fit_in_one_line()
    {
        var oracle = new FormatOracle("milesial-transposed");
        string milesial = oracle.Make(seed: 6, maskValues: true);
        var r = CliRunner.Run("convert", "--model", "unet-transposed", "--weights", milesial, "--to", "seed", "--output", P("seed.pth"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("in the seed UNet format (read as milesial UNet)", r.Stdout);
        Assert.Contains("in_conv.0.weight", CheckpointReader.ReadStateDict(P("seed.pth")).Select(kv => kv.Key));
        r = CliRunner.Run("convert", "--model", "unet-transposed", "--weights", P("seed.pth"), "--to", "milesial", "--output", P("back.pth"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(CheckpointReader.ReadStateDict(milesial).Select(kv => kv.Key), CheckpointReader.ReadStateDict(P("back.pth")).Select(kv => kv.Key));
        Assert.Equal([0L, 1L], CheckpointReader.ReadMaskValues(P("back.pth")));

        r = CliRunner.Run("convert", "--model", "unet", "--weights", milesial, "--to", "official", "--output", P("x.pth"));
        Assert.Equal("segment convert: --to: the official format names U²-Net weights, not a UNet's ('unet' is a UNet)", r.Stderr.Trim());
        r = CliRunner.Run("infer", "--model", "u2netp", "--weights", milesial, "--input", new NetworkOracle("u2netp").MakeInput(1, 1, 3, 32, 32), "--output", P("y.npy"));
        Assert.Equal($"segment infer: weights '{milesial}' do not fit network 'u2netp': milesial UNet keys of a transposed UNet (base 64, depth 4, 3 input channels, 2 classes), but the network is U2NETP", r.Stderr.Trim());
    }

    [Fact]
    public void Train_init_fine_tunes_official_weights_with_the_encoder_frozen()
    {
        string official = new FormatOracle("official-u2netp").Make(seed: 2);
        Assert.Equal(0, CliRunner.Run("synth", "--out", P("data"), "--train-images", "4", "--test-images", "2", "--size", "64").ExitCode);
        var r = CliRunner.Run("train", "--model", "u2netp", "--data", P("data"), "--layout", "duts", "--out", P("run"), "--epochs", "1",
                              "--batch-size", "2", "--size", "64", "--init", official, "--freeze", "encoder", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("(official U²-Net)", r.Stdout);
        Assert.Contains("frozen: the encoder's", r.Stdout);

        // The encoder's parameters are the official ones (biases folded); the decoder's and the heads' were trained.
        Assert.Equal(0, CliRunner.Run("convert", "--model", "u2netp", "--weights", official, "--to", "seed", "--output", P("init.pth")).ExitCode);
        var before = TorchCheckpoint.Load(P("init.pth"));
        var after = TorchCheckpoint.Load(P("run/last.pth"));
        static bool Parameter(string key) => key.EndsWith(".weight") || (key.EndsWith(".bias") && !key.Contains("running"));
        var encoder = before.Keys.Where(k => k.StartsWith("encode_modules.") && Parameter(k)).ToList();
        var rest = before.Keys.Where(k => !k.StartsWith("encode_modules.") && Parameter(k)).ToList();
        Assert.NotEmpty(encoder);
        Assert.All(encoder, k => Assert.True(before[k].equal(after[k]).all().ToBoolean(), $"{k} changed"));
        Assert.True(rest.Count(k => !before[k].equal(after[k]).all().ToBoolean()) > rest.Count / 2, "the decoder was not trained");

        r = CliRunner.Run("train", "--model", "u2netp", "--data", P("data"), "--layout", "duts", "--out", P("run2"), "--freeze", "decoder");
        Assert.Equal("segment train: --freeze takes 'encoder' (train only the decoder and heads), got 'decoder'", r.Stderr.Trim());
    }
}
