using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.Metrics;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>
/// MaeMaxF and SegmentationMetrics against tests/oracles/data_metrics.py (numpy, BASNet's
/// evaluation for MAE / max F, the seed's definitions for Dice and IoU) on the same predictions,
/// each at its own ground truth's size, within 1e-6.
/// </summary>
public class MetricTests
{
    private static readonly Lazy<string> OracleDir = new(() =>
    {
        string dir = RepoPaths.NewTempDirectory("data-metrics");
        PythonOracle.Run("data_metrics.py", dir);
        return dir;
    });

    private static JsonElement Expected(string part) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(OracleDir.Value, "metrics.json"))).RootElement.GetProperty(part).Clone();

    private static Tensor Load(string name) => Npy.Load(Path.Combine(OracleDir.Value, name + ".npy"));

    [Fact]
    public void Mae_and_max_f_equal_the_BASNet_evaluation_on_predictions_resized_to_each_ground_truth()
    {
        JsonElement expected = Expected("saliency");
        using var scope = torch.NewDisposeScope();
        var metric = new MaeMaxF();
        for (int i = 0; i < expected.GetProperty("count").GetInt32(); i++)
        {
            // The ground truth as the loader gives it: grey level / 255, [1, 1, H, W].
            using Scalar byteMax = 255.0.ToScalar();
            Tensor gt = Load($"sal_gt{i}").to(ScalarType.Float32).div(byteMax).unsqueeze(0).unsqueeze(0);
            metric.update(Load($"sal_pred{i}"), gt);
        }
        Assert.Equal(4, metric.count);
        Assert.Equal(expected.GetProperty("mae").GetDouble(), metric.mae(), 1e-6);
        Assert.Equal(expected.GetProperty("max_f").GetDouble(), metric.max_f(), 1e-6);
        double[] curve = expected.GetProperty("f_measures_flipped").EnumerateArray().Select(v => v.GetDouble()).Reverse().ToArray();
        double[] ours = metric.f_measures();
        Assert.Equal(MaeMaxF.Thresholds, ours.Length);
        for (int t = 0; t < ours.Length; t++)
            Assert.True(Math.Abs(curve[t] - ours[t]) <= 1e-6, $"threshold {t}: {ours[t]} vs {curve[t]}");

        metric.reset();
        Assert.Equal(0, metric.count);
        Assert.True(double.IsNaN(metric.mae()));
    }

    [Fact]
    public void Dice_miou_iou_and_accuracy_equal_the_reference_with_ignored_pixels_left_out()
    {
        JsonElement expected = Expected("segmentation");
        using var scope = torch.NewDisposeScope();
        using var metrics = new SegmentationMetrics(expected.GetProperty("classes").GetInt64());
        for (int i = 0; i < expected.GetProperty("count").GetInt32(); i++)
            metrics.update(Load($"seg_logits{i}"), Load($"seg_target{i}").unsqueeze(0));

        Assert.Equal(expected.GetProperty("confusion").EnumerateArray().Select(v => v.GetInt64()), metrics.counts().Cast<long>());
        Assert.Equal(expected.GetProperty("acc_global").GetDouble(), metrics.acc_global(), 1e-6);
        Assert.Equal(expected.GetProperty("miou").GetDouble(), metrics.mean_iou(), 1e-6);
        double[] iou = expected.GetProperty("iou").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int c = 0; c < iou.Length; c++)
            Assert.Equal(iou[c], metrics.iou()[c], 1e-6);
        Assert.Equal(expected.GetProperty("dice").GetDouble(), metrics.dice(), 1e-6);
    }

    [Fact]
    public void Scores_do_not_depend_on_how_images_are_batched()
    {
        using var scope = torch.NewDisposeScope();
        var g = new torch.Generator(3);
        Tensor logits = torch.randn([2, 3, 5, 6], generator: g);
        Tensor target = torch.randint(0, 3, [2, 11, 9], generator: g);
        target[0, 0] = torch.tensor(255L);
        using var batched = new SegmentationMetrics(3);
        using var single = new SegmentationMetrics(3);
        batched.update(logits, target);
        single.update(logits.narrow(0, 0, 1), target.narrow(0, 0, 1));
        single.update(logits.narrow(0, 1, 1), target.narrow(0, 1, 1));
        Assert.Equal(single.dice(), batched.dice(), 12);
        Assert.Equal(single.counts(), batched.counts());

        var maps = torch.rand([2, 1, 4, 4], generator: g);
        using Scalar half = 0.5.ToScalar();
        var gt = torch.rand([2, 1, 7, 5], generator: g).gt(half).to(ScalarType.Float32);
        var all = new MaeMaxF();
        var each = new MaeMaxF();
        all.update(maps, gt);
        each.update(maps.narrow(0, 0, 1), gt.narrow(0, 0, 1));
        each.update(maps.narrow(0, 1, 1).squeeze(1), gt.narrow(0, 1, 1).squeeze(1));
        Assert.Equal(each.mae(), all.mae(), 12);
        Assert.Equal(each.max_f(), all.max_f(), 12);
    }

    [Fact]
    public void A_perfect_prediction_scores_mae_0_max_f_1_and_dice_1()
    {
        using var scope = torch.NewDisposeScope();
        Tensor gt = torch.tensor(new float[] { 0, 1, 1, 0, 0, 1 }, [1, 1, 2, 3]);
        var sal = new MaeMaxF();
        sal.update(gt, gt);
        Assert.Equal(0, sal.mae(), 12);
        Assert.Equal(1, sal.max_f(), 6);

        Tensor target = torch.tensor(new long[] { 0, 1, 2, 255, 1, 0 }, [1, 2, 3]);
        using Scalar lastClass = 2.ToScalar();
        Tensor logits = F.one_hot(target.clamp(Scalars.Zero, lastClass), 3).permute(0, 3, 1, 2).to(ScalarType.Float32);
        using var seg = new SegmentationMetrics(3);
        seg.update(logits, target);
        Assert.Equal(1, seg.dice(), 6);
        Assert.Equal(1, seg.mean_iou(), 12);
        Assert.Equal(1, seg.acc_global(), 12);
    }
}
