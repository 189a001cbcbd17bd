using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>Parameter counts of the seeds' networks (docs/seeds.md), from the generator and from the live module.</summary>
public sealed class ParameterCountTests
{
    [Theory]
    [InlineData("u2net", 43_995_469L)]
    [InlineData("u2netp", 1_128_333L)]
    public void Seed_networks_have_the_seeds_parameter_counts(string model, long expected)
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create(model);
        Assert.Equal(expected, network.TotalParameters);
        Assert.Equal(expected, ((nn.Module)network).parameter_count());
    }

    [Fact]
    public void Every_network_reports_the_parameter_count_its_module_has()
    {
        foreach (string name in GeneratedNetworks.Names)
        {
            using ISegmentationNetwork network = GeneratedNetworks.Create(name);
            Assert.True(network.TotalParameters == ((nn.Module)network).parameter_count(), $"{name}: generated {network.TotalParameters}, module {((nn.Module)network).parameter_count()}");
        }
    }
}
