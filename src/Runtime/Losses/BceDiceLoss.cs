using System;

namespace Segment.Runtime.Losses;

/// <summary>
/// pytorch-nested-unet's BCEDiceLoss, the opt-in UNet++ loss of <c>[UNetPlusPlus(Dice = true)]</c> (one class):
/// <c>0.5 * binary_cross_entropy_with_logits(x, t) + (1 - mean over the batch of (2 p.t + smooth) / (sum p + sum t + smooth))</c>
/// with <c>p = sigmoid(x)</c>, each image flattened over channels and pixels, smooth 1e-5.
/// </summary>
public static class BceDiceLoss
{
    public const double DefaultSmooth = 1e-5;

    /// <summary>Logits <paramref name="x"/> and a float target in [0, 1] of the same shape [N, C, H, W].</summary>
    public static Tensor forward(Tensor x, Tensor target, double smooth = DefaultSmooth)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        Tensor bce = F.binary_cross_entropy_with_logits(x, target);
        long n = target.size(0);
        Tensor p = F.sigmoid(x).reshape(n, -1);
        Tensor t = target.reshape(n, -1);
        Tensor inter = p.mul(t).sum([1]);
        using Scalar two = 2.0.ToScalar(), half = 0.5.ToScalar(), smoothing = smooth.ToScalar(), samples = ((double)n).ToScalar();
        Tensor dice = inter.mul(two).add(smoothing, Scalars.One).div(p.sum([1]).add(t.sum([1]), Scalars.One).add(smoothing, Scalars.One));
        // bce / 2 + (1 - mean dice)
        return bce.mul(half).add(dice.sum().div(samples).neg().add_(Scalars.One, Scalars.One), Scalars.One).MoveToOuterDisposeScope();
    }
}
