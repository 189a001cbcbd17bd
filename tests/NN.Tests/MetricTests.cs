using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Metrics;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>ConfusionMatrix and DiceCoefficient against the seed's classes over two batches (nn_losses.py).</summary>
public class MetricTests
{
    private const long Ignore = 255;
    private static string Dir => Oracles.Losses;
    private static long Classes => Oracles.Json(Dir, "losses.json").GetProperty("C").GetInt64();

    private static Tensor L(string name) => Oracles.Load(Dir, name);

    [Fact]
    public void Confusion_matrix_counts_and_scores_equal_the_seeds()
    {
        using var scope = torch.NewDisposeScope();
        using var cm = new ConfusionMatrix(Classes);
        for (int b = 0; b < 2; b++)
            cm.update_from_output(L($"m{b}_pred"), L($"m{b}_target"));

        long[] expectedCounts = L("cm_mat").data<long>().ToArray();
        long[,] counts = cm.counts();
        Assert.Equal(expectedCounts, counts.Cast<long>().ToArray());

        var (accGlobal, acc, iu) = cm.compute();
        Assert.Equal(L("cm_acc_global").ToDouble(), accGlobal, 6);
        Close.Assert(L("cm_acc"), torch.tensor(acc), 1e-6, 1e-6, "per-class accuracy");
        Close.Assert(L("cm_iu"), torch.tensor(iu), 1e-6, 1e-6, "per-class IoU");
        Assert.Equal(L("cm_miou").ToDouble(), cm.mean_iou(), 6);
    }

    [Fact]
    public void Confusion_matrix_skips_ignored_targets_and_resets()
    {
        using var scope = torch.NewDisposeScope();
        using var cm = new ConfusionMatrix(2);
        // 255 and 2 (== num_classes) are both outside [0, num_classes): skipped, as the seed's (a >= 0) & (a < n).
        cm.update(torch.tensor(new long[] { 0, 1, 255, 1, 2 }), torch.tensor(new long[] { 0, 0, 1, 1, 0 }));
        Assert.Equal(new long[,] { { 1, 0 }, { 1, 1 } }, cm.counts());
        Assert.Equal(2.0 / 3, cm.compute().acc_global, 12);
        Assert.Contains("mean IoU: 50.0", cm.ToString());   // IoU 1/2 and 1/2
        cm.reset();
        Assert.Equal(new long[,] { { 0, 0 }, { 0, 0 } }, cm.counts());
    }

    [Fact]
    public void Dice_coefficient_equals_the_seeds()
    {
        using var scope = torch.NewDisposeScope();
        using var dice = new DiceCoefficient(Classes, Ignore);
        Assert.Equal(0, dice.value);
        for (int b = 0; b < 2; b++)
            dice.update(L($"m{b}_pred"), L($"m{b}_target"));
        Assert.Equal(L("dice_metric").ToDouble(), dice.value, 5);
    }
}
