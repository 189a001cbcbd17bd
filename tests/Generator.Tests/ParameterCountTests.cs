using System.Text.RegularExpressions;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The compile-time parameter counts against the seeds' PyTorch models (shared/SPEC.md).</summary>
public sealed class ParameterCountTests
{
    [Theory]
    [InlineData("U2Net", 43_995_469L)]      // u2net_full(out_ch=1)
    [InlineData("U2NetLite", 1_128_333L)]   // u2net_lite(out_ch=1)
    public void Total_parameters_equal_the_seed(string network, long expected)
    {
        Assert.Equal(expected, GeneratedTotal(network));
    }

    [Fact]
    public void Multi_class_lite_swaps_3x3_sides_for_1x1()
    {
        // Lite minus six 3x3 sides 64->1 and the 6->1 fuse, plus six 1x1 sides 64->4 and a 24->4 fuse.
        long expected = 1_128_333L - 6 * (64 * 9 + 1) - (6 + 1) + 6 * (64 * 4 + 4) + (24 * 4 + 4);
        Assert.Equal(expected, GeneratedTotal("U2NetMultiClass"));
    }

    private static long GeneratedTotal(string network)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.Read(network)));
        Match m = Regex.Match(run.Source($".{network}.Summary.g.cs"), @"public const long TotalParameters = (\d+)L;");
        Assert.True(m.Success, "Summary has no TotalParameters constant");
        return long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
