using System.Text.RegularExpressions;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The compile-time parameter counts against the seeds' PyTorch models (docs/seeds.md).</summary>
public sealed class ParameterCountTests
{
    [Theory]
    [InlineData("U2Net", 43_995_469L)]      // u2net_full(out_ch=1)
    [InlineData("U2NetLite", 1_128_333L)]   // u2net_lite(out_ch=1)
    [InlineData("UNet", 17_263_042L)]       // UNet(3, 2, bilinear, base_c 64)
    [InlineData("UNetTransposed", 31_037_698L)]
    [InlineData("UNet32", 4_318_434L)]
    [InlineData("UNetPlusPlus", 9_163_329L)]     // NestedUNet(1, 3)
    [InlineData("UNetPlusPlusDeep", 9_163_428L)] // deep supervision: four heads
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

    [Fact]
    public void Unet_aux_adds_a_1x1_head_on_up2()
    {
        // Transposed UNet, depth 3, base 16, 3 classes: DoubleConvs, ConvTranspose2d ups, out_conv and aux_conv (on up2: 16 channels).
        static long Dc(long i, long m, long o) => 9 * i * m + 2 * m + 9 * m * o + 2 * o;
        static long Ct(long i) => i * (i / 2) * 4 + i / 2;
        long expected = Dc(3, 16, 16) + Dc(16, 32, 32) + Dc(32, 64, 64) + Dc(64, 128, 128)
                        + Ct(128) + Dc(128, 64, 64) + Ct(64) + Dc(64, 32, 32) + Ct(32) + Dc(32, 16, 16)
                        + (16 * 3 + 3) + (32 * 3 + 3);
        Assert.Equal(expected, GeneratedTotal("UNetAux"));
    }

    /// <summary>
    /// The summary's total is the sum over the module's typed children (each block counting its own parameters), and the
    /// module's doc states the shape inference's total: for every example network the two agree, so no child is
    /// missing from the layout or counted twice.
    /// </summary>
    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void The_layouts_children_count_the_networks_parameters(string network)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.Read(network)));
        Match doc = Regex.Match(run.Source($".{network}.Module.g.cs"), @"/// input .*, ([\d,]+) parameters\.");
        Assert.True(doc.Success, "the module's doc states no parameter count");
        Assert.Equal(long.Parse(doc.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture), GeneratedTotal(network));
    }

    public static TheoryData<string> ExampleNames() => new(ExampleNetworks.Names);

    private static long GeneratedTotal(string network)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.Read(network)));
        Match m = Regex.Match(run.Source($".{network}.Summary.g.cs"), @"public const long TotalParameters = (\d+)L;");
        Assert.True(m.Success, "Summary has no TotalParameters constant");
        return long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
