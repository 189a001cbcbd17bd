using System;
using System.Linq;
using Segment.Imaging;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Data.Transforms;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>The tensor transforms: image and target move together, masks only by nearest neighbour, the same draws give the same result.</summary>
public class TransformTests
{
    private static TrainingSample ClassSample(int w, int h, int classes = 3)
    {
        float[] pixels = Enumerable.Range(0, 3 * w * h).Select(i => i / (3f * w * h)).ToArray();
        byte[] mask = Enumerable.Range(0, w * h).Select(i => i % 7 == 0 ? (byte)255 : (byte)(i % classes)).ToArray();
        return TrainingSample.From(new Sample("s", new RgbImage(w, h, pixels), new LabelMask(w, h, mask)), MaskKind.Classes);
    }

    private static TrainingSample SaliencySample(int w, int h)
    {
        float[] pixels = Enumerable.Range(0, 3 * w * h).Select(i => (i % 11) / 10f).ToArray();
        byte[] mask = Enumerable.Range(0, w * h).Select(i => (byte)(i * 37 % 256)).ToArray();
        return TrainingSample.From(new Sample("s", new RgbImage(w, h, pixels), new LabelMask(w, h, mask)), MaskKind.Saliency);
    }

    [Fact]
    public void U2Net_training_gives_288_crops_of_the_320_resize_with_saliency_values_unchanged_and_is_deterministic()
    {
        using TrainingSample a = TransformPresets.U2NetTrain().Apply(SaliencySample(40, 30), new Random(7));
        using TrainingSample b = TransformPresets.U2NetTrain().Apply(SaliencySample(40, 30), new Random(7));
        Assert.Equal([3L, 288, 288], a.Image.shape);
        Assert.Equal([1L, 288, 288], a.Target.shape);
        Assert.True(a.Image.allclose(b.Image, 0, 0) && a.Target.allclose(b.Target, 0, 0));

        using TrainingSample source = SaliencySample(40, 30);
        var before = source.Target.data<float>().ToHashSet();
        Assert.Subset(before, a.Target.data<float>().ToHashSet());
        Assert.Equal(MeanStd.ImageNet, ((Normalize)((Compose)TransformPresets.U2NetTrain()).Steps[^1]).MeanStd);
    }

    [Fact]
    public void Normalize_subtracts_the_mean_and_divides_by_the_std_per_channel()
    {
        using TrainingSample s = new Normalize(MeanStd.Drive).Apply(SaliencySample(4, 3), new Random(0));
        // Pixel 0 of every plane: (i % 11) / 10 at i = 0, 12, 24.
        Assert.Equal((0f - 0.709f) / 0.127f, s.Image[0, 0, 0].item<float>(), 5);
        Assert.Equal((0.1f - 0.381f) / 0.079f, s.Image[1, 0, 0].item<float>(), 5);
        Assert.Equal((0.2f - 0.224f) / 0.043f, s.Image[2, 0, 0].item<float>(), 5);
    }

    [Fact]
    public void U2Net_eval_resizes_the_image_only()
    {
        using TrainingSample s = TransformPresets.U2NetEval().Apply(SaliencySample(40, 30), new Random(1));
        Assert.Equal([3L, 320, 320], s.Image.shape);
        Assert.Equal([1L, 30, 40], s.Target.shape);
    }

    [Fact]
    public void Drive_training_pads_the_target_with_the_ignore_index_and_keeps_classes()
    {
        ISampleTransform drive = TransformPresets.DriveTrain(baseSize: 12, crop: 16);
        for (int seed = 0; seed < 8; seed++)
        {
            using TrainingSample s = drive.Apply(ClassSample(12, 9, classes: 2), new Random(seed));
            Assert.Equal([3L, 16, 16], s.Image.shape);
            Assert.Equal([16L, 16], s.Target.shape);
            Assert.Equal(ScalarType.Int64, s.Target.dtype);
            Assert.Subset(new long[] { 0, 1, 255 }.ToHashSet(), s.Target.data<long>().ToHashSet());
        }
    }

    [Fact]
    public void Random_crop_pads_right_and_bottom_image_with_0_target_with_255()
    {
        using TrainingSample s = new RandomCrop(4).Apply(ClassSample(3, 2), new Random(0));
        long[] t = s.Target.data<long>().ToArray();
        Assert.Equal(Enumerable.Repeat(255L, 8), t.Skip(8));            // rows 2, 3
        Assert.Equal(255L, t[3]);                                        // column 3 of row 0
        Assert.Equal(0f, s.Image[0, 3, 3].item<float>());
    }

    [Fact]
    public void Flips_mirror_image_and_target_together()
    {
        using TrainingSample original = ClassSample(5, 4);
        using TrainingSample h = RandomFlip.Horizontal(1).Apply(ClassSample(5, 4), new Random(0));
        using TrainingSample v = RandomFlip.Vertical(1).Apply(ClassSample(5, 4), new Random(0));
        using TrainingSample none = RandomFlip.Horizontal(0).Apply(ClassSample(5, 4), new Random(0));
        Assert.Equal(original.Target[1, 0].item<long>(), h.Target[1, 4].item<long>());
        Assert.Equal(original.Image[2, 1, 0].item<float>(), h.Image[2, 1, 4].item<float>());
        Assert.Equal(original.Target[0, 2].item<long>(), v.Target[3, 2].item<long>());
        Assert.Equal(original.Image[1, 0, 2].item<float>(), v.Image[1, 3, 2].item<float>());
        Assert.True(none.Target.allclose(original.Target, 0, 0));
    }

    [Fact]
    public void Random_resize_sets_the_shorter_side_within_the_range_and_keeps_the_aspect()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            using TrainingSample s = new RandomResize(10, 14).Apply(ClassSample(12, 8), new Random(seed));
            Assert.InRange(s.Height, 10, 14);
            Assert.Equal(s.Height * 12 / 8, s.Width);
            Assert.Equal([s.Height, s.Width], s.Target.shape);
        }
    }
}
