using Segment.Imaging.Report;
using Xunit;

namespace Segment.Report.Tests;

/// <summary>Training numbers print one way: significant digits, plain decimals where readable, an exponent only outside that.</summary>
public class NumberTextTests
{
    [Theory]
    [InlineData(0.000842, "0.000842")]
    [InlineData(9.79e-05, "9.79e-5")]
    [InlineData(0.000993844, "0.0009938")]
    [InlineData(6.22465e-05, "6.225e-5")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.81234567, "0.8123")]
    [InlineData(360, "360")]
    [InlineData(12.3456, "12.35")]
    [InlineData(123456, "123500")]
    [InlineData(1234567, "1.235e6")]
    [InlineData(-0.0001, "-0.0001")]
    [InlineData(9.99996e-5, "0.0001")]
    [InlineData(0, "0")]
    [InlineData(double.NaN, "NaN")]
    public void Four_significant_digits_with_an_exponent_only_below_1e_4_or_from_1e6(double value, string expected) =>
        Assert.Equal(expected, NumberText.Format(value));

    [Fact]
    public void The_learning_rates_of_one_run_print_alike_above_and_below_1e_4()
    {
        // The progress line and the report's table printed these two as 0.000842 and 9.79E-05.
        Assert.Equal("0.000842", NumberText.Format(0.000842, 3));
        Assert.Equal("9.79e-5", NumberText.Format(9.79e-05, 3));
    }
}
