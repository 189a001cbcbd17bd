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
/// pixels): seed 004's criterion for UNet (CE + Dice, class weights, out + 0.5 aux), BCEDiceLoss averaged over the
/// heads for UNet++; and the runtime's Dice coefficient and confusion-matrix metrics against the seed's.
/// </summary>
public sealed class UNetLossAndMetricTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData("unet32", "unet32", null, 2, 37, 29)]
    [InlineData("unet-aux", "unet-config", UNetEquivalenceTests.AuxConfig, 2, 33, 40)]
    [InlineData("unetpp", "unetpp", null, 2, 32, 32)]
    [InlineData("unetpp-ds", "unetpp-ds", null, 1, 32, 48)]
    public void Loss_terms_match_pytorch(string model, string oracleModel, string? config, int batch, int h, int w)
    {
        var oracle = new NetworkOracle(oracleModel, config);
        string weights = oracle.MakeWeights(seed: 3);
        string input = oracle.MakeInput(seed: 5, batch, 3, h, w);
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        string target = oracle.MakeTarget(seed: 6, batch, network.Classes, h, w);
        string reference = oracle.Forward(weights, input, "train", target);

        UNetEquivalenceTests.Load(network, weights);
        ((Module)network).train();
        using DisposeScope scope = torch.NewDisposeScope();
        (Tensor total, IReadOnlyList<(string Name, Tensor Value)> terms) = network.Loss(network.ForwardNamed(Npy.Load(input)), Npy.Load(target));

        Tensor expectedTotal = NetworkOracle.Load(reference, "loss_total");
        log.WriteLine($"{model} loss total {total.item():F7}, PyTorch {expectedTotal.item():F7}");
        Close.Assert(expectedTotal, total, Tolerance, Tolerance, $"{model} total loss");
        Assert.NotEmpty(terms);
        foreach ((string name, Tensor value) in terms)
            Close.Assert(NetworkOracle.Load(reference, "loss_" + name), value, Tolerance, Tolerance, $"{model} loss term {name}");
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
        ((Module)network).eval();
        using DisposeScope scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor logits = network.ForwardNamed(Npy.Load(input))[0].Value;
        Tensor labels = Npy.Load(target);
        Assert.True(labels.eq(255).sum().item() > 0, "the target has ignored pixels");

        using var dice = new DiceCoefficient(num_classes: 2, ignore_index: 255);
        dice.update(logits, labels);
        using var matrix = new ConfusionMatrix(2);
        matrix.update_from_output(logits, labels);
        var (accGlobal, _, iu) = matrix.compute();

        Close.Assert(NetworkOracle.Load(reference, "metric_dice"), torch.tensor([(float)dice.value]).reshape([]), Tolerance, Tolerance, "Dice coefficient");
        Close.Assert(NetworkOracle.Load(reference, "metric_miou"), torch.tensor([(float)matrix.mean_iou()]).reshape([]), Tolerance, Tolerance, "mIoU");
        Close.Assert(NetworkOracle.Load(reference, "metric_iou"), torch.tensor([(float)iu[0], (float)iu[1]], 2), Tolerance, Tolerance, "per-class IoU");
        Close.Assert(NetworkOracle.Load(reference, "metric_acc_global"), torch.tensor([(float)accGlobal]).reshape([]), Tolerance, Tolerance, "global accuracy");
    }
}
