using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Examples.Networks;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Metrics;
using Segment.Runtime.NN;
using Segment.Runtime.Training;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Training.Tests;

/// <summary>
/// Evaluator on a multi-class network (UNet, 2 classes) over images of several sizes: the metrics are
/// SegmentationMetrics' at each ground truth's resolution, with the lower-case JSON keys; and the samples
/// for a report come back at the ground truth's size.
/// </summary>
public sealed class EvaluatorTests
{
    private static readonly (int W, int H)[] Sizes = [(40, 36), (33, 48), (32, 32)];

    [Fact]
    public void Multi_class_metrics_are_computed_at_each_ground_truths_size()
    {
        Dataset val = Folder();
        torch.manual_seed(5);
        using ISegmentationNetwork network = GeneratedNetworks.Create("unet32");
        var evaluator = Evaluator.For(val, TransformPresets.DriveEval(), workers: 1);
        EvaluationResult result = evaluator.Evaluate(network, torch.CPU);

        // The same metric fed by hand, one image at a time at its own size.
        using var expected = new SegmentationMetrics(2);
        ((torch.nn.Module)network).eval();
        using (torch.no_grad())
            for (int i = 0; i < val.Count; i++)
                using (var scope = torch.NewDisposeScope())
                {
                    var sample = TrainingSample.From(val.Read(i), val.Reader.Kind);
                    var t = TransformPresets.DriveEval().Apply(sample, new System.Random(0));
                    var logits = network.ForwardNamed(t.Image.unsqueeze(0))[0].Value;
                    Assert.Equal(Sizes[i].H, logits.size(2));
                    expected.update(logits, t.Target.unsqueeze(0));
                }
        Assert.Equal(3, result.Images);
        Assert.Equal(expected.dice(), result.Dice!.Value, 9);
        Assert.Equal(expected.mean_iou(), result.MeanIou!.Value, 9);
        Assert.Equal(expected.acc_global(), result.Accuracy!.Value, 9);
        Assert.Equal(expected.iou(), result.PerClassIou!);
        Assert.Null(result.Mae);

        using var doc = JsonDocument.Parse(result.ToJson());
        Assert.Equal(["images", "dice", "miou", "accuracy", "per_class_iou"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, doc.RootElement.GetProperty("per_class_iou").GetArrayLength());
    }

    [Fact]
    public void Samples_come_back_at_the_ground_truths_resolution()
    {
        string root = TinyDuts.Write(train: 1, val: 2, trainSize: 64, valSizes: [(80, 60), (70, 90)]);
        Dataset val = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, root) { Split = "val" });
        torch.manual_seed(6);
        using ISegmentationNetwork network = GeneratedNetworks.Create("u2net-small4");
        var evaluator = Evaluator.For(val, TransformPresets.U2NetEval(resize: 64), workers: 1);
        var samples = evaluator.Samples(network, torch.CPU, 5);
        Assert.Equal(2, samples.Count);
        Assert.Equal((80, 60), (samples[0].Width, samples[0].Height));
        Assert.Equal((70, 90), (samples[1].Width, samples[1].Height));
        foreach (var s in samples)
        {
            Assert.Equal(1, s.Channels);
            Assert.Equal(s.Width * s.Height, s.Prediction.Length);
            Assert.Equal(s.Width * s.Height, s.Truth.Length);
            Assert.Equal((64, 64), (s.ImageWidth, s.ImageHeight));
            Assert.Equal(3 * 64 * 64, s.Image.Length);
            Assert.All(s.Prediction, p => Assert.InRange(p, 0f, 1f));
            Assert.Contains(s.Truth, v => v == 1f);
        }
        // Evaluation leaves the network in the mode it found.
        Assert.True(((torch.nn.Module)network).training);
    }

    /// <summary>images/*.png with masks/*.png holding classes 0 and 1 (the right half is class 1), in three sizes.</summary>
    private static Dataset Folder()
    {
        string root = RepoPaths.NewTempDirectory("eval-folder");
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        for (int i = 0; i < Sizes.Length; i++)
        {
            var (w, h) = Sizes[i];
            using var image = new Image<Rgb24>(w, h);
            using var mask = new Image<L8>(w, h);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    image[x, y] = x >= w / 2 ? new Rgb24(200, 40, 40) : new Rgb24(30, 30, (byte)(100 + y));
                    mask[x, y] = new L8(x >= w / 2 ? (byte)1 : (byte)0);
                }
            image.SaveAsPng(Path.Combine(root, "images", $"s{i}.png"));
            mask.SaveAsPng(Path.Combine(root, "masks", $"s{i}.png"));
        }
        return Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root) { NumClasses = 2 });
    }
}
