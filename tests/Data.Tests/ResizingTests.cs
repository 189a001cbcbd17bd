using System;
using System.Linq;
using Segment.Imaging;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>
/// The array resizes (the ONNX Runtime path, prediction outputs) against TorchSharp's
/// <c>F.interpolate</c> (the training path, the metrics), on sizes up, down and odd ratios.
/// </summary>
public class ResizingTests
{
    public static TheoryData<int, int, int, int> Sizes => new()
    {
        { 5, 7, 13, 9 },     // up, non-integer ratios
        { 13, 9, 5, 7 },     // down
        { 4, 6, 8, 12 },     // exactly twice
        { 7, 7, 7, 7 },      // same size
        { 1, 3, 4, 1 },      // a single row / column
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Bilinear_equals_torch_interpolate_bilinear_without_align_corners(int h, int w, int oh, int ow)
    {
        var random = new Random(h * 31 + ow);
        float[] planes = Enumerable.Range(0, 2 * h * w).Select(_ => (float)random.NextDouble()).ToArray();
        float[] ours = Resizing.Bilinear(planes, 2, h, w, oh, ow);

        using var input = torch.tensor(planes, [1, 2, h, w]);
        using var torchResized = F.interpolate(input, size: [oh, ow], mode: InterpolationMode.Bilinear, align_corners: false);
        float[] theirs = torchResized.data<float>().ToArray();
        Assert.Equal(theirs.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-6f, $"element {i}: {ours[i]} vs torch {theirs[i]}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Nearest_equals_torch_interpolate_nearest(int h, int w, int oh, int ow)
    {
        byte[] planes = Enumerable.Range(0, h * w).Select(i => (byte)(i * 7 % 251)).ToArray();
        byte[] ours = Resizing.Nearest(planes, 1, h, w, oh, ow);

        using var input = torch.tensor(planes.Select(b => (float)b).ToArray(), [1, 1, h, w]);
        using var torchResized = F.interpolate(input, size: [oh, ow], mode: InterpolationMode.Nearest);
        Assert.Equal(torchResized.data<float>().ToArray().Select(v => (byte)v), ours);
    }

    [Fact]
    public void Masks_resize_to_values_they_already_had()
    {
        var mask = new LabelMask(3, 2, [0, 1, 255, 2, 0, 1]);
        LabelMask big = mask.ResizedNearest(11, 7);
        Assert.Equal((11, 7), (big.Width, big.Height));
        Assert.Subset(mask.Values.ToHashSet(), big.Values.ToHashSet());
    }

    [Fact]
    public void Eval_preprocessing_resizes_then_normalises_with_the_family_statistics()
    {
        var image = new RgbImage(2, 1, [0.485f, 1f, 0.456f, 0f, 0.406f, 0.5f]);
        RgbImage u2net = EvalPreprocessing.U2Net.Apply(image);
        Assert.Equal((320, 320), (u2net.Width, u2net.Height));
        RgbImage drive = EvalPreprocessing.Drive.Apply(image);
        Assert.Equal((2, 1), (drive.Width, drive.Height));
        Assert.Equal((1f - 0.709f) / 0.127f, drive.Pixels[1], 5);
        Assert.Equal((0f - 0.381f) / 0.079f, drive.Pixels[3], 5);
        Assert.Equal(0.485f, image.Pixels[0]);   // the input is left as it was
        // ImageNet's mean maps to zero at the first pixel's column, up to the resize's interpolation weights.
        Assert.Equal(0f, new EvalPreprocessing(null, null, MeanStd.ImageNet).Apply(image).Pixels[0], 6);
    }
}
