using System.IO;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.Runtime.Serialization.Formats;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>
/// The world's checkpoints load as they are (docs/checkpoints.md): the official U²-Net's (conv biases folded into
/// BatchNorm) and milesial's UNet's, written by those repositories' own networks with random weights and random
/// BatchNorm statistics, give their networks' outputs at odd sizes; wrapped files, DataParallel's prefix and
/// milesial's mask_values load; a file converted to a format runs in that format's own code with the same outputs;
/// a file that does not fit says in one line what it resembles and why.
/// </summary>
public sealed class CheckpointFormatTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-4;

    [Theory]
    // official network, generated network, H, W, how the file is saved
    [InlineData("official-u2netp", "u2netp", 67, 45, null, false)]
    [InlineData("official-u2netp", "u2netp", 33, 70, "net", true)]
    [InlineData("official-u2net", "u2net", 51, 37, null, false)]
    [InlineData("milesial-bilinear", "unet", 75, 53, null, false)]
    [InlineData("milesial-transposed", "unet-transposed", 61, 83, "state_dict", true)]
    [InlineData("unetpp", "unetpp", 48, 64, "model", true)]
    // The official u2netp.pth / u2net.pth predate PyTorch 1.6: the legacy format, loaded as it is.
    [InlineData("official-u2netp", "u2netp", 41, 29, null, false, true)]
    [InlineData("milesial-bilinear", "unet", 40, 56, "state_dict", false, true)]
    public void A_checkpoint_of_the_official_code_gives_its_outputs(string official, string model, int h, int w, string? wrap, bool dataParallel, bool legacy = false)
    {
        var oracle = new FormatOracle(official);
        string weights = oracle.Make(seed: 5, wrap, dataParallel, maskValues: official.StartsWith("milesial"), legacy);
        string input = new NetworkOracle("u2netp").MakeInput(seed: 9, 1, 3, h, w);
        Tensor expected = oracle.Forward(wrap is null && !dataParallel ? weights : oracle.Make(seed: 5), input);

        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        CheckpointFormat? format = StateDicts.Load((nn.Module)network, weights);
        Assert.Equal(official.Split('-')[0] switch { "official" => "official", "milesial" => "milesial", _ => "seed" }, format?.Id);
        Tensor actual = Run(network, input);
        log.WriteLine($"{official} -> {model} {h}x{w}: max |diff| {Close.MaxAbsDiff(expected, actual):E2}");
        Close.Assert(expected, actual, Tolerance, Tolerance, $"{model} on {official}'s weights");
    }

    [Theory]
    [InlineData("official-u2netp", "u2netp", "official")]
    [InlineData("milesial-transposed", "unet-transposed", "milesial")]
    [InlineData("milesial-bilinear", "unet", "milesial")]
    public void A_conversion_runs_in_the_formats_own_code_with_the_same_outputs(string official, string model, string to)
    {
        // The official file -> generated network -> seed file -> a fresh network -> the format's file -> its own code.
        var oracle = new FormatOracle(official);
        string weights = oracle.Make(seed: 8);
        string input = new NetworkOracle("u2netp").MakeInput(seed: 3, 1, 3, 41, 59);
        Tensor expected = oracle.Forward(weights, input);

        string seedFile = Path.Combine(oracle.Folder, "seed.pth");
        using (ISegmentationNetwork first = GeneratedNetworks.Create(model))
        {
            StateDicts.Load((nn.Module)first, weights);
            CheckpointExport.Save((nn.Module)first, CheckpointFormats.Get("seed", first.Family), seedFile);
        }
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        Assert.Equal("seed", StateDicts.Load((nn.Module)network, seedFile)?.Id);
        string converted = Path.Combine(oracle.Folder, "converted.pth");
        CheckpointExport.Save((nn.Module)network, CheckpointFormats.Get(to, network.Family), converted);

        // The format's own key order, as its code's state_dict() lists it.
        Assert.Equal(CheckpointReader.ReadStateDict(weights).Select(kv => kv.Key), CheckpointReader.ReadStateDict(converted).Select(kv => kv.Key));
        if (to == "milesial")
            Assert.Equal([0L, 1L], CheckpointReader.ReadMaskValues(converted));
        Tensor roundTrip = oracle.Forward(converted, input);
        log.WriteLine($"{official} -> seed -> {to}: max |diff| {Close.MaxAbsDiff(expected, roundTrip):E2}");
        Close.Assert(expected, roundTrip, Tolerance, Tolerance, $"{official} converted through the seed format");
        Close.Assert(expected, Run(network, input), Tolerance, Tolerance, $"{model} loaded from the seed file");
    }

    [Fact]
    public void Official_biases_fold_exactly_into_the_running_means()
    {
        string weights = new FormatOracle("official-u2netp").Make(seed: 2);
        var file = TorchCheckpoint.Load(weights);
        using var network = new U2NetLite();
        StateDicts.Load(network, weights);
        var own = StateDicts.Ordered(network).ToDictionary(kv => kv.Key, kv => kv.Value);
        Tensor bias = file["stage3.rebnconv2d.conv_s1.bias"], mean = file["stage3.rebnconv2d.bn_s1.running_mean"];
        Assert.True(bias.abs().max().ToSingle() > 0.01f, "the oracle's biases are not zero");
        // RSU5: rebnconv2d is decoder 5 - 1 - 2 = 2 of the seed's stage; stage3 is encoder 2.
        Assert.True((mean - bias).equal(own["encode_modules.2.decode_modules.2.bn.running_mean"]).all().ToBoolean());
        Assert.True(file["side6.weight"].equal(own["side_modules.0.weight"]).all().ToBoolean());
        Assert.True(file["stage5d.rebnconv1.conv_s1.weight"].equal(own["decode_modules.0.encode_modules.0.conv.weight"]).all().ToBoolean());
        foreach (Tensor t in file.Values)
            t.Dispose();
    }

    [Fact]
    public void A_file_of_another_network_says_in_one_line_what_it_is_and_why_it_does_not_fit()
    {
        string u2netp = new FormatOracle("official-u2netp").Make(seed: 1);
        string milesial = new FormatOracle("milesial-transposed").Make(seed: 1, maskValues: true);

        using var full = new U2Net();
        var e = Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(full, u2netp));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith("official U²-Net keys of U2NETP, but the network is U2NET: 'stage1.rebnconv1.conv_s1.weight' has shape [16, 64, 3, 3] in the file and [32, 64, 3, 3] in the network", e.Message);

        using var lite = new U2NetLite();
        e = Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(lite, milesial));
        Assert.Equal("milesial UNet keys of a transposed UNet (base 64, depth 4, 3 input channels, 2 classes), but the network is U2NETP", e.Message);

        using var bilinear = new UNet();
        e = Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(bilinear, milesial));
        Assert.StartsWith("milesial UNet keys of a transposed UNet (base 64, depth 4, 3 input channels, 2 classes), but the network is a bilinear UNet (base 64, depth 4, 3 input channels, 2 classes): ", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // Nothing was changed by the refused loads.
        Assert.True(StateDicts.Ordered(lite).All(kv => !kv.Key.EndsWith("running_var") || kv.Value.eq(Scalars.One).all().ToBoolean()));
    }

    [Fact]
    public void Milesial_names_have_no_auxiliary_head()
    {
        using var aux = new UNetAux();
        var e = Assert.Throws<System.NotSupportedException>(() => CheckpointExport.Entries(aux, MilesialUNetFormat.Instance, out _));
        Assert.Contains("aux_conv.0.weight", e.Message);
        Assert.Throws<System.ArgumentException>(() => CheckpointFormats.Get("official", NetworkFamily.UNet));
        Assert.Throws<System.ArgumentException>(() => CheckpointFormats.Get("onnx", NetworkFamily.UNet));
    }

    private static Tensor Run(ISegmentationNetwork network, string input)
    {
        ((nn.Module)network).eval();
        using var noGrad = torch.no_grad();
        Tensor x = Npy.Load(input);
        return network.Family == NetworkFamily.U2Net ? network.Predict(x) : network.ForwardNamed(x)[0].Value;
    }
}
