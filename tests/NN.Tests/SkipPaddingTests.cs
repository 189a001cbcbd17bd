using System.Linq;
using Segment.Runtime;
using Segment.Runtime.NN.Blocks;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>SkipPadding.pad_to against the seed's <c>F.pad(x1, [dx // 2, dx - dx // 2, dy // 2, dy - dy // 2])</c>.</summary>
public class SkipPaddingTests
{
    [Fact]
    public void Odd_positive_differences_pad_less_before_than_after()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.ones(1, 1, 2, 3);
        Tensor y = SkipPadding.pad_to(x, torch.zeros(1, 1, 3, 4));
        Assert.Equal(new long[] { 1, 1, 3, 4 }, y.shape);
        // dy = 1: top 0, bottom 1; dx = 1: left 0, right 1.
        Assert.Equal(new float[] { 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0 }, y.data<float>().ToArray());
    }

    [Fact]
    public void Negative_odd_differences_crop_as_python_floor_division_does()
    {
        // Python: dy = -1 -> [-1, 0] (crop the first row), dx = -3 -> [-2, -1]; checked with torch 1.13:
        // the result is x[..., 1:5, 2:6]. Truncating division crops the other side.
        using var scope = torch.NewDisposeScope();
        using Scalar count = 35.ToScalar();
        Tensor x = torch.arange(count, ScalarType.Float32).reshape(1, 1, 5, 7);
        Tensor y = SkipPadding.pad_to(x, torch.zeros(1, 1, 4, 4));
        Assert.Equal(new long[] { 1, 1, 4, 4 }, y.shape);
        float[] expected = { 9, 10, 11, 12, 16, 17, 18, 19, 23, 24, 25, 26, 30, 31, 32, 33 };
        Assert.Equal(expected, y.data<float>().ToArray());
    }
}
