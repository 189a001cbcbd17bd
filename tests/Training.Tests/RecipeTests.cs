using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Segment.Runtime.Training;
using Xunit;

namespace Segment.Training.Tests;

/// <summary>
/// Every example network trains with its family's seed recipe, whatever its class count: a one-class UNet++ is
/// not U²-Net, a four-class U²-Net is not UNet. The expected values are the reference scripts' own numbers.
/// </summary>
public class RecipeTests
{
    [Theory]
    [InlineData("u2net")]
    [InlineData("u2netp")]
    [InlineData("u2netp-gn")]
    [InlineData("u2net-small4")]
    [InlineData("u2netp-4class")]
    public void U2Net_networks_train_as_u2net_train_py(string model)
    {
        TrainingOptions o = RecipeOf(model);
        Assert.Equal((360, 16, 1e-3, OptimizerKind.AdamW, LrSchedule.Cosine, 2, 1e-4, false),
            (o.Epochs, o.BatchSize, o.LearningRate, o.Optimizer, o.Schedule, o.WarmupEpochs, o.WeightDecay, o.DecayEveryParameter));
    }

    [Theory]
    [InlineData("unet")]
    [InlineData("unet-aux")]
    [InlineData("unet-transposed")]
    [InlineData("unet32")]
    [InlineData("unet-res")]
    [InlineData("unet-in")]
    [InlineData("unet-attn")]
    public void UNets_train_as_unet_train_py(string model)
    {
        TrainingOptions o = RecipeOf(model);
        Assert.Equal((100, 4, 0.01, OptimizerKind.Sgd, LrSchedule.Poly, 1, 1e-4, 0.9),
            (o.Epochs, o.BatchSize, o.LearningRate, o.Optimizer, o.Schedule, o.WarmupEpochs, o.WeightDecay, o.Momentum));
    }

    [Theory]
    [InlineData("unetpp")]
    [InlineData("unetpp-ds")]
    [InlineData("unetpp-3class")]
    [InlineData("unetpp-res")]
    [InlineData("unetpp-gn")]
    public void UNetPlusPlus_networks_train_as_the_nested_unet_train_py(string model)
    {
        TrainingOptions o = RecipeOf(model);
        Assert.Equal((100, 16, 1e-3, OptimizerKind.Adam, LrSchedule.CosineAnnealing, 1e-5, 0, 1e-4, true),
            (o.Epochs, o.BatchSize, o.LearningRate, o.Optimizer, o.Schedule, o.MinLearningRate, o.WarmupEpochs, o.WeightDecay, o.DecayEveryParameter));
    }

    [Fact]
    public void Every_example_network_has_a_recipe_test_above()
    {
        // A network added to examples/Networks must be added to one of the theories, so its recipe is checked.
        string[] covered = ["u2net", "u2netp", "u2net-small4", "u2netp-4class", "unet", "unet-aux", "unet-transposed", "unet32", "unetpp", "unetpp-ds", "unetpp-3class", "u2netp-gn", "unet-res", "unet-in", "unet-attn", "unetpp-res", "unetpp-gn"];
        Assert.Equal(GeneratedNetworks.Names.Order(), covered.Order());
    }

    [Fact]
    public void UNetPlusPlus_Adam_decays_biases_and_norm_weights_too_in_one_group()
    {
        using var m = torch.nn.Sequential(("conv", torch.nn.Conv2d(2, 3, 3)), ("bn", torch.nn.BatchNorm2d(3)));
        using var opt = Optimizers.Create(m, TrainingOptions.UNetPlusPlus);
        var groups = ((TorchSharp.Modules.OptimizerHelper)opt).state_dict();
        Assert.Equal(new double?[] { 1e-4 }, groups.Options.Cast<TorchSharp.Modules.Adam.Options>().Select(o => o.weight_decay).ToArray());
        Assert.Equal(new[] { 4 }, groups.StateIndexRef.Select(g => g.Count));
    }

    private static TrainingOptions RecipeOf(string model)
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        return TrainingOptions.For(network);
    }
}
