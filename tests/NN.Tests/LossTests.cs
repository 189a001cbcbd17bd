using System.Collections.Generic;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Losses;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>The seed's losses (nn_losses.py runs the seed's own Python) on logits with ignored (255) pixels.</summary>
public class LossTests
{
    private const double Tol = 1e-5;
    private const long Ignore = 255;
    private static string Dir => Oracles.Losses;
    private static long Classes => Oracles.Json(Dir, "losses.json").GetProperty("C").GetInt64();

    private static Tensor L(string name) => Oracles.Load(Dir, name);

    [Fact]
    public void Weighted_cross_entropy_with_ignore_index()
    {
        using var scope = torch.NewDisposeScope();
        Close.Assert(L("ce"), F.cross_entropy(L("out"), L("target"), L("weight"), ignore_index: Ignore), Tol, Tol, "cross_entropy");
    }

    [Fact]
    public void Build_target_is_one_hot_with_ignored_pixels_marked_in_every_channel()
    {
        using var scope = torch.NewDisposeScope();
        Close.Equal(L("dice_target"), DiceLoss.build_target(L("target"), Classes, Ignore), "build_target");
    }

    [Fact]
    public void Dice_losses_equal_the_seeds()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = L("out"), target = L("target");
        Tensor dt = DiceLoss.build_target(target, Classes, Ignore);
        Close.Assert(L("dice_loss"), DiceLoss.dice_loss(x, dt, multiclass: true, ignore_index: Ignore), Tol, Tol, "multiclass dice_loss");
        Close.Assert(L("dice_loss"), DiceLoss.forward(x, target, Classes, Ignore), Tol, Tol, "DiceLoss.forward");
        Close.Assert(L("dice_loss_single"), DiceLoss.dice_loss(x, dt, multiclass: false, ignore_index: Ignore), Tol, Tol, "single-map dice_loss");
        Close.Assert(L("dice_coeff_probs"), DiceLoss.dice_coeff(F.softmax(x, 1), dt, Ignore), Tol, Tol, "dice_coeff");
        using Scalar ignored = Ignore.ToScalar();
        Tensor noIgnore = torch.where(target.eq(ignored), torch.ones_like(target), target);
        Close.Assert(L("dice_loss_noignore"), DiceLoss.forward(x, noIgnore, Classes), Tol, Tol, "dice_loss without ignore_index");
    }

    [Fact]
    public void Zero_sets_sum_becomes_twice_the_intersection_as_in_the_seed()
    {
        // Seed 004's dice_coeff: `if sets_sum == 0: sets_sum = 2 * inter`. Row 0 has sum x + sum t = -2 + 2 = 0 with
        // inter = 1 - 3 = -2, so the seed divides by 2 * inter = -4 (coefficient 1); without the replacement it would
        // divide by epsilon alone. Row 1 is an ordinary row.
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { 1f, -3f, 0.25f, 0.5f }, 2, 2);
        Tensor t = torch.tensor(new float[] { 1f, 1f, 1f, 0f }, 2, 2);
        const double Eps = DiceLoss.DefaultEpsilon;
        double row0 = (2 * -2.0 + Eps) / (2 * -2.0 + Eps);
        double row1 = (2 * 0.25 + Eps) / (0.75 + 1.0 + Eps);

        double coeff = DiceLoss.dice_coeff(x, t).ToDouble();

        Assert.Equal((row0 + row1) / 2, coeff, 5);
    }

    [Fact]
    public void Criterion_for_a_single_output_with_and_without_dice()
    {
        using var scope = torch.NewDisposeScope();
        var inputs = new Dictionary<string, Tensor> { ["out"] = L("out") };
        Close.Assert(L("crit_out"), SegmentationLosses.criterion(inputs, L("target"), L("weight"), Classes, ignore_index: Ignore), Tol, Tol, "criterion(out)");
        Close.Assert(L("crit_out_nodice"), SegmentationLosses.criterion(inputs, L("target"), L("weight"), Classes, dice: false, ignore_index: Ignore), Tol, Tol, "criterion(out, dice=False)");
    }

    [Fact]
    public void Criterion_with_aux_and_its_gradients()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = L("out").requires_grad_(), aux = L("aux").requires_grad_();
        Tensor loss = SegmentationLosses.criterion(new Dictionary<string, Tensor> { ["out"] = x, ["aux"] = aux }, L("target"), L("weight"), Classes, ignore_index: Ignore);
        Close.Assert(L("crit_aux"), loss, Tol, Tol, "out + 0.5 * aux");
        loss.backward();
        Close.Assert(L("crit_aux_grad_out"), x.grad!, Tol, Tol, "d loss / d out");
        Close.Assert(L("crit_aux_grad_aux"), aux.grad!, Tol, Tol, "d loss / d aux");
    }

    [Fact]
    public void Criterion_refuses_unknown_outputs()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<System.ArgumentException>(() => SegmentationLosses.criterion(new Dictionary<string, Tensor> { ["main"] = L("out") }, L("target")));
        Assert.Contains("\"out\"", e.Message);
    }

    [Fact]
    public void Summed_bce_with_logits_over_maps()
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] maps = Enumerable.Range(0, 4).Select(i => L($"maps{i}")).ToArray();
        Close.Assert(L("bce_sum"), SegmentationLosses.multi_bce_with_logits(maps, L("bce_target")), Tol, Tol, "sum of BCE");
        double[] ws = Oracles.Json(Dir, "losses.json").GetProperty("bce_weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();
        Close.Assert(L("bce_weighted"), SegmentationLosses.multi_bce_with_logits(maps, L("bce_target"), ws), Tol, Tol, "weighted sum of BCE");
    }
}
