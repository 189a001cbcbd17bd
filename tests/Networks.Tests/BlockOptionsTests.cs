using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>
/// [Blocks] networks and the attention U-Net (examples/Networks: unet-res, unet-in, unet-attn, unetpp-res, unetpp-gn) are the PyTorch reference built
/// with the same options (tests/oracles/models/blocks.py, MONAI's norm / act / dropout / residual units): same weights
/// and input give the same outputs in eval mode (float32) and train mode (float64, dropout kept in eval on both sides,
/// whose generators differ), at odd sizes; Dropout2d itself is checked on its own.
/// </summary>
public sealed class BlockOptionsTests(ITestOutputHelper log)
{
    public const string UNetResidualConfig = """{"channels": [16, 32, 64, 128], "bilinear": false, "num_classes": 3, "norm": "group", "groups": 4, "act": "prelu", "dropout": 0.1, "residual": true}""";
    public const string UNetInstanceConfig = """{"channels": [16, 32, 64, 128], "bilinear": true, "num_classes": 2, "norm": "instance", "act": "leaky_relu", "slope": 0.2}""";
    public const string UNetPlusPlusResidualConfig = """{"filters": [8, 16, 32, 64], "num_classes": 1, "norm": "instance", "act": "gelu", "dropout": 0.2, "residual": true}""";
    public const string UNetPlusPlusGroupConfig = """{"filters": [8, 16, 32, 64], "num_classes": 2, "deep_supervision": true, "norm": "group", "groups": 4, "act": "elu"}""";

    public const string UNetAttentionConfig = """{"channels": [16, 32, 64, 128], "bilinear": true, "num_classes": 2, "norm": "instance", "attention": true}""";

    public const string U2NetLiteGroupConfig = """{"norm": "group", "groups": 8, "act": "prelu"}""";

    public static IEnumerable<object[]> Cases() =>
    [
        // model, oracle model, config, batch, H, W, mode
        ["unet-res", "unet-config", UNetResidualConfig, 2, 37, 45, "eval"],
        ["unet-res", "unet-config", UNetResidualConfig, 2, 33, 29, "train"],
        ["unet-in", "unet-config", UNetInstanceConfig, 1, 41, 35, "eval"],
        ["unet-in", "unet-config", UNetInstanceConfig, 2, 24, 37, "train"],
        ["unet-attn", "unet-config", UNetAttentionConfig, 2, 37, 45, "eval"],
        ["unet-attn", "unet-config", UNetAttentionConfig, 2, 29, 42, "train"],
        ["unetpp-res", "unetpp-config", UNetPlusPlusResidualConfig, 2, 40, 24, "eval"],
        ["unetpp-res", "unetpp-config", UNetPlusPlusResidualConfig, 1, 32, 48, "train"],
        ["unetpp-gn", "unetpp-config", UNetPlusPlusGroupConfig, 1, 24, 40, "eval"],
        ["unetpp-gn", "unetpp-config", UNetPlusPlusGroupConfig, 2, 16, 32, "train"],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_match_pytorch(string model, string oracleModel, string config, int batch, int h, int w, string mode) =>
        UNetPlusPlusEquivalenceTests.AssertOutputsMatch(log, model, new NetworkOracle(oracleModel, config), batch, h, w, mode);

    [Fact]
    public void Dropout2d_zeroes_whole_channels_in_training_and_is_the_identity_in_eval()
    {
        torch.manual_seed(3);
        using var block = new DoubleConv(4, 64, options: new BlockOptions { Dropout = 0.25 });
        using var noGrad = torch.no_grad();
        Tensor x = torch.randn([8, 4, 6, 6]);
        block.eval();
        Tensor reference = block.call(x);
        Assert.True((reference == block.call(x)).all().item<bool>());

        block.train();
        Tensor dropped = block.call(x);
        Tensor channelMax = dropped.abs().amax([2, 3]);          // [N, C]: 0 where a whole channel was dropped
        double zeroFraction = channelMax.eq(Scalars.Zero).to(ScalarType.Float64).mean().item<double>();
        log.WriteLine($"dropped channels: {zeroFraction:P1} of {channelMax.numel()}");
        Assert.InRange(zeroFraction, 0.15, 0.35);                  // p = 0.25 over 512 channels
        // Kept channels are scaled by 1 / (1 - p) against the same block without dropout.
        block.train();
        var plain = new DoubleConv(4, 64);
        plain.load_state_dict(block.state_dict());
        plain.train();
        Tensor undropped = plain.call(x);
        Tensor kept = channelMax.gt(Scalars.Zero).unsqueeze(-1).unsqueeze(-1).expand_as(dropped);
        using Scalar keptShare = 0.75.ToScalar();
        Close.Assert(undropped.masked_select(kept).div(keptShare), dropped.masked_select(kept), 1e-5, 1e-5, "kept channels");
    }

    [Fact]
    public void Options_are_visible_in_the_generated_networks()
    {
        using var res = new UNetResidual();
        var down = (DoubleConv)((nn.Module)res).named_modules().Single(m => m.name == "down1.1").module;
        Assert.Equal(new BlockOptions { Norm = NormKind.Group, Groups = 4, Activation = ActivationKind.PReLU, Dropout = 0.1, Residual = true }, down.Options);
        Assert.Contains(((nn.Module)res).state_dict().Keys, k => k == "down1.1.shortcut.0.weight");
        Assert.Contains(((nn.Module)res).state_dict().Keys, k => k == "down1.1.2.weight");    // PReLU's slope
        using var seed = new UNet32();
        Assert.All(((nn.Module)seed).modules().OfType<DoubleConv>(), b => Assert.Same(BlockOptions.Seed, b.Options));
    }
}
