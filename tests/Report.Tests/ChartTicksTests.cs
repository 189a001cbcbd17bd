using System;
using System.Linq;
using Segment.Imaging.Report;
using Xunit;

namespace Segment.Report.Tests;

/// <summary>Axis ticks: steps of 1, 2 or 5 times a power of ten that cover the data.</summary>
public class ChartTicksTests
{
    [Theory]
    [InlineData(0.1873, 0.9, 0.0, 1.0, 0.2)]
    [InlineData(0.25, 1.0, 0.2, 1.0, 0.2)]
    [InlineData(0.0412, 0.0433, 0.041, 0.0435, 0.0005)]
    [InlineData(-3.0, 7.0, -4.0, 8.0, 2.0)]
    [InlineData(120.0, 9800.0, 0.0, 10000.0, 2000.0)]
    public void Ticks_cover_the_range_in_nice_steps(double min, double max, double first, double last, double step)
    {
        double[] ticks = ChartTicks.For(min, max);
        Assert.Equal(first, ticks[0], 12);
        Assert.Equal(last, ticks[^1], 12);
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(step, p.Second - p.First, 12));
        Assert.InRange(ticks.Length, 3, 12);
    }

    [Fact]
    public void A_single_value_is_widened_so_the_axis_has_a_range()
    {
        Assert.Equal([0.0, 1.0, 2.0], ChartTicks.For(1, 1, 6, integers: true));
        double[] ticks = ChartTicks.For(0.7, 0.7);
        Assert.True(ticks[0] < 0.7 && ticks[^1] > 0.7);
        Assert.True(ChartTicks.For(0, 0)[0] < 0);
    }

    [Fact]
    public void Epoch_ticks_are_whole_numbers()
    {
        double[] ticks = ChartTicks.For(1, 3, 6, integers: true);
        Assert.Equal([1.0, 2.0, 3.0], ticks);
        Assert.All(ChartTicks.For(1, 137, 6, integers: true), t => Assert.Equal(Math.Round(t), t));
    }

    [Fact]
    public void Decimals_show_each_step_exactly()
    {
        Assert.Equal(0, ChartTicks.Decimals([0, 1, 2]));
        Assert.Equal(1, ChartTicks.Decimals([0.2, 0.4]));
        Assert.Equal(2, ChartTicks.Decimals([0.05, 0.1]));
        Assert.Equal(4, ChartTicks.Decimals([0.041, 0.0415]));
    }

    [Fact]
    public void A_non_finite_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ChartTicks.For(double.NaN, 1));
        Assert.Throws<ArgumentException>(() => ChartTicks.For(2, 1));
    }
}
