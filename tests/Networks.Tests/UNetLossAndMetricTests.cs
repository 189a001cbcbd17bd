using System.Collections.Generic;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.Metrics;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>
/// The generated losses against tests/oracles/models/losses.py on the same logits and targets (with ignored 255
/// pixels): seed 004's criterion for UNet (CE + Dice, class weights, out + 0.5 aux); for UNet++ BCE with logits
/// (one class) or cross-entropy ignoring 255 (several classes) averaged over the heads, and the opt-in BCEDiceLoss;
/// and the runtime's Dice coefficient and confusion-matrix metrics against the seed's.
/// </summary>
public sealed class UNetLossAndMetricTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-5;

    /// <summary>examples/Networks/UNetPlusPlusMultiClass.cs for the reference: filters 16, 32, 64, 3 classes, deep supervision.</summary>
    public const string UNetPlusPlusMultiClassConfig = """{"filters": [16, 32, 64], "num_classes": 3, "deep_supervision": true}""";

    [Theory]
    [InlineData("unet32", "unet32", null, 2, 37, 29)]
    [InlineData("unet-aux", "unet-config", UNetEquivalenceTests.AuxConfig, 2, 33, 40)]
    [InlineData("unetpp", "unetpp", null, 2, 32, 32)]
    [InlineData("unetpp-ds", "unetpp-ds", null, 1, 32, 48)]
    [InlineData("unetpp-3class", "unetpp-config", UNetPlusPlusMultiClassConfig, 2, 36, 28)]
    public void Loss_terms_match_pytorch(string model, string oracleModel, string? config, int batch, int h, int w)
    {
        var oracle = new NetworkOracle(oracleModel, config);
        string weights = oracle.MakeWeights(seed: 3);
        string input = oracle.MakeInput(seed: 5, batch, 3, h, w);
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        string target = oracle.MakeTarget(seed: 6, batch, network.Classes, h, w);
        string reference = oracle.Forward(weights, input, "train", target);
        if (network.Classes > 1)
        {
            using Tensor labels = Npy.Load(target);
            using Scalar ignored = 255.ToScalar();
            Assert.True(labels.eq(ignored).sum().ToDouble() > 0, "the target has ignored pixels");
        }

        UNetEquivalenceTests.Load(network, weights);
        NetworkOracle.Prepare((nn.Module)network, "train");
        using DisposeScope scope = torch.NewDisposeScope();
        (Tensor total, IReadOnlyList<(string Name, Tensor Value)> terms) =
            network.Loss(network.ForwardNamed(NetworkOracle.LoadInput(input, "train")), NetworkOracle.LoadTarget(target, "train"));

        Tensor expectedTotal = NetworkOracle.Load(reference, "loss_total");
        log.WriteLine($"{model} loss total {total.ToDouble():F7}, PyTorch {expectedTotal.ToDouble():F7}");
        Close.Assert(expectedTotal, total, Tolerance, Tolerance, $"{model} total loss");
        Assert.NotEmpty(terms);
        foreach ((string name, Tensor value) in terms)
            Close.Assert(NetworkOracle.Load(reference, "loss_" + name), value, Tolerance, Tolerance, $"{model} loss term {name}");
    }

    [Fact]
    public void UNetPlusPlus_default_loss_is_bce_with_logits_not_bce_dice()
    {
        // The oracle's default (plain BCE, as the generated loss) and its opt-in "dice": true (BCEDiceLoss, the
        // runtime's BceDiceLoss that [UNetPlusPlus(Dice = true)] emits per head) on the same heads.
        var plain = new NetworkOracle("unetpp-ds");
        var dice = new NetworkOracle("unetpp-ds", """{"dice": true}""");
        string weights = plain.MakeWeights(seed: 23);
        string input = plain.MakeInput(seed: 29, 2, 3, 32, 32);
        string target = plain.MakeTarget(seed: 31, 2, 1, 32, 32);
        string plainReference = plain.Forward(weights, input, "train", target);
        string diceReference = dice.Forward(weights, input, "train", target);

        using var network = new UNetPlusPlusDeep();
        UNetEquivalenceTests.Load(network, weights);
        NetworkOracle.Prepare(network, "train");
        using DisposeScope scope = torch.NewDisposeScope();
        using UNetPlusPlusDeepOutput output = network.forward(NetworkOracle.LoadInput(input, "train"));
        Tensor mask = NetworkOracle.LoadTarget(target, "train");
        (Tensor total, _) = UNetPlusPlusDeepLoss.Compute(output, mask);
        Close.Assert(NetworkOracle.Load(plainReference, "loss_total"), total, Tolerance, Tolerance, "unetpp-ds BCE total");

        Tensor[] heads = [output.Out1, output.Out2, output.Out3, output.Out4];
        Tensor? diceSum = null;
        for (int k = 1; k <= heads.Length; k++)
        {
            Tensor head = Segment.Runtime.Losses.BceDiceLoss.forward(heads[k - 1], mask);
            Close.Assert(NetworkOracle.Load(diceReference, $"loss_out{k}"), head, Tolerance, Tolerance, $"unetpp-ds BCE-Dice out{k}");
            diceSum = diceSum is null ? head : diceSum.add(head, Scalars.One);
        }
        using Scalar count = ((double)heads.Length).ToScalar();
        Tensor diceTotal = diceSum!.div(count);
        Close.Assert(NetworkOracle.Load(diceReference, "loss_total"), diceTotal, Tolerance, Tolerance, "unetpp-ds BCE-Dice total");
        log.WriteLine($"unetpp-ds BCE {total.ToDouble():F7}, BCE-Dice {diceTotal.ToDouble():F7}");
        Assert.True(System.Math.Abs(total.ToDouble() - diceTotal.ToDouble()) > 1e-3, "the two losses differ, so each check tells them apart");
    }

    [Fact]
    public void Dice_coefficient_and_confusion_matrix_match_the_seed()
    {
        var oracle = new NetworkOracle("unet32");
        string weights = oracle.MakeWeights(seed: 13);
        string input = oracle.MakeInput(seed: 17, 2, 3, 40, 36);
        string target = oracle.MakeTarget(seed: 19, 2, 2, 40, 36);
        string reference = oracle.Forward(weights, input, "eval", target);

        using ISegmentationNetwork network = GeneratedNetworks.Create("unet32");
        UNetEquivalenceTests.Load(network, weights);
        ((nn.Module)network).eval();
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor logits = network.ForwardNamed(Npy.Load(input))[0].Value;
        Tensor labels = Npy.Load(target);
        using Scalar ignored = 255.ToScalar();
        Assert.True(labels.eq(ignored).sum().ToDouble() > 0, "the target has ignored pixels");

        using var dice = new DiceCoefficient(num_classes: 2, ignore_index: 255);
        dice.update(logits, labels);
        using var matrix = new ConfusionMatrix(2);
        matrix.update_from_output(logits, labels);
        var (accGlobal, _, iu) = matrix.compute();

        Close.Assert(NetworkOracle.Load(reference, "metric_dice"), torch.tensor((float)dice.value), Tolerance, Tolerance, "Dice coefficient");
        Close.Assert(NetworkOracle.Load(reference, "metric_miou"), torch.tensor((float)matrix.mean_iou()), Tolerance, Tolerance, "mIoU");
        Close.Assert(NetworkOracle.Load(reference, "metric_iou"), torch.tensor(new[] { (float)iu[0], (float)iu[1] }), Tolerance, Tolerance, "per-class IoU");
        Close.Assert(NetworkOracle.Load(reference, "metric_acc_global"), torch.tensor((float)accGlobal), Tolerance, Tolerance, "global accuracy");
    }
}
