using System;

namespace Segment.Runtime.Losses;

/// <summary>
/// The seed's dice_coefficient_loss.py (WZMIAOMIAO's UNet, seed 004), vectorised over the batch
/// and classes but with the same definition:
/// <list type="bullet">
/// <item><c>build_target</c>: one-hot [N, C, H, W] float target; pixels equal to ignore_index are
/// set to ignore_index in every channel.</item>
/// <item><c>dice_coeff</c>: per image, over pixels whose target is not ignore_index,
/// <c>(2 x.t + eps) / (sum x + sum t + eps)</c>, with <c>sum x + sum t = 0</c> replaced by
/// <c>2 x.t</c>; the mean over the batch.</item>
/// <item><c>multiclass_dice_coeff</c>: dice_coeff of each channel, averaged over channels.</item>
/// <item><c>dice_loss</c>: <c>1 - multiclass_dice_coeff(softmax(x, 1), target)</c>.</item>
/// </list>
/// </summary>
public static class DiceLoss
{
    public const double DefaultEpsilon = 1e-6;

    /// <summary>
    /// One-hot target for the Dice terms: <paramref name="target"/> [N, H, W] int64 class indices
    /// to [N, C, H, W] float32, ignored pixels holding <paramref name="ignore_index"/> in every channel
    /// (when ignore_index >= 0).
    /// </summary>
    public static Tensor build_target(Tensor target, long num_classes = 2, long ignore_index = -100)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        Tensor onehot;
        if (ignore_index >= 0)
        {
            using Scalar ignored = ignore_index.ToScalar();
            Tensor ignore_mask = target.eq(ignored);
            Tensor cleaned = target.masked_fill(ignore_mask, Scalars.Zero);
            onehot = F.one_hot(cleaned, num_classes).to(ScalarType.Float32)
                      .masked_fill_(ignore_mask.unsqueeze(-1), ignored);
        }
        else
        {
            onehot = F.one_hot(target, num_classes).to(ScalarType.Float32);
        }
        return onehot.permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Dice coefficient of <paramref name="x"/> against <paramref name="target"/> (same shape
    /// [N, ...]), each image flattened over everything but the batch, averaged over the batch.
    /// </summary>
    public static Tensor dice_coeff(Tensor x, Tensor target, long ignore_index = -100, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        long n = x.size(0);
        using var scope = torch.NewDisposeScope();
        Tensor d = PerRowDice(x.reshape(n, -1), target.reshape(n, -1), ignore_index, epsilon);
        return d.mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Average over the C channels of [N, C, ...] of each channel's <see cref="dice_coeff"/>
    /// (the mean over images and classes of the per-image, per-class Dice).
    /// </summary>
    public static Tensor multiclass_dice_coeff(Tensor x, Tensor target, long ignore_index = -100, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        long n = x.size(0), c = x.size(1);
        using var scope = torch.NewDisposeScope();
        Tensor d = PerRowDice(x.reshape(n * c, -1), target.reshape(n * c, -1), ignore_index, epsilon);
        // Mean of N*C equal-weight terms = mean over classes of the batch means, as the seed computes.
        return d.mean().MoveToOuterDisposeScope();
    }

    /// <summary>The seed's dice_loss: <c>1 - dice(softmax(x, dim 1), target)</c> with the multiclass or the single-map coefficient.</summary>
    public static Tensor dice_loss(Tensor x, Tensor target, bool multiclass = false, long ignore_index = -100, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = torch.NewDisposeScope();
        Tensor probs = F.softmax(x, 1);
        Tensor coeff = multiclass ? multiclass_dice_coeff(probs, target, ignore_index, epsilon) : dice_coeff(probs, target, ignore_index, epsilon);
        return coeff.neg().add_(Scalars.One, Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Multi-class Dice loss straight from logits [N, C, H, W] and class indices [N, H, W]:
    /// <c>dice_loss(x, build_target(target), multiclass: true)</c>, the term the seed's criterion adds.
    /// </summary>
    public static Tensor forward(Tensor logits, Tensor target, long num_classes, long ignore_index = -100, double epsilon = DefaultEpsilon)
    {
        using var scope = torch.NewDisposeScope();
        Tensor dice_target = build_target(target, num_classes, ignore_index);
        return dice_loss(logits, dice_target, multiclass: true, ignore_index, epsilon).MoveToOuterDisposeScope();
    }

    // Dice of each row of [R, L] over the columns whose target is not ignore_index.
    // Masking by multiplication equals the seed's x_i[roi_mask] selection: dropped pixels add 0 to every sum.
    private static Tensor PerRowDice(Tensor x, Tensor t, long ignore_index, double epsilon)
    {
        if (ignore_index >= 0)
        {
            using Scalar ignored = ignore_index.ToScalar();
            Tensor roi = t.ne(ignored).to(x.dtype);
            x = x.mul(roi);
            t = t.mul(roi);
        }
        Tensor inter = x.mul(t).sum(1);
        Tensor sets_sum = x.sum(1).add(t.sum(1), Scalars.One);
        using Scalar two = 2.0.ToScalar(), eps = epsilon.ToScalar();
        // if sets_sum == 0: sets_sum = 2 * inter
        sets_sum = torch.where(sets_sum.eq(Scalars.Zero), inter.mul(two), sets_sum);
        return inter.mul(two).add(eps, Scalars.One).div(sets_sum.add(eps, Scalars.One));
    }
}
