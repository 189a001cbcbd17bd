using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Runtime.Losses;

/// <summary>
/// The seeds' training criteria.
/// <list type="bullet">
/// <item>UNet (seed 004): per output, <c>cross_entropy(x, target, weight, ignore_index)</c> plus
/// (optionally) the multi-class <see cref="DiceLoss"/>; with an auxiliary output,
/// <c>out + 0.5 * aux</c>.</item>
/// <item>U2Net (seed 000): the sum over the fused map and the side maps of
/// <c>w_i * binary_cross_entropy_with_logits(map_i, target)</c>, every weight 1 by default.</item>
/// </list>
/// </summary>
public static class SegmentationLosses
{
    /// <summary>The weight of the auxiliary output's loss in the seed's criterion.</summary>
    public const double AuxWeight = 0.5;

    /// <summary>One output's loss: cross-entropy (class weights, ignore_index) plus the multi-class Dice loss when <paramref name="dice"/>.</summary>
    public static Tensor ce_dice(Tensor x, Tensor target, Tensor? loss_weight = null, long num_classes = 2, bool dice = true, long ignore_index = -100)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        Tensor loss = F.cross_entropy(x, target, loss_weight, ignore_index);
        if (dice)
            loss = loss.add(DiceLoss.forward(x, target, num_classes, ignore_index), Scalars.One);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The seed's <c>criterion(inputs, target, loss_weight, num_classes, dice, ignore_index)</c>:
    /// <paramref name="inputs"/> holds "out" and optionally "aux" logits [N, C, H, W]; the result is
    /// the loss of "out", or <c>out + 0.5 * aux</c>.
    /// </summary>
    public static Tensor criterion(IReadOnlyDictionary<string, Tensor> inputs, Tensor target, Tensor? loss_weight = null, long num_classes = 2,
                                   bool dice = true, long ignore_index = -100)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.TryGetValue("out", out Tensor? output))
            throw new ArgumentException($"criterion expects an \"out\" entry; got {string.Join(", ", inputs.Keys)}", nameof(inputs));
        if (inputs.Count == 1)
            return ce_dice(output, target, loss_weight, num_classes, dice, ignore_index);
        if (inputs.Count != 2 || !inputs.TryGetValue("aux", out Tensor? aux))
            throw new ArgumentException($"criterion expects \"out\" and optionally \"aux\"; got {string.Join(", ", inputs.Keys)}", nameof(inputs));
        using var scope = torch.NewDisposeScope();
        Tensor main = ce_dice(output, target, loss_weight, num_classes, dice, ignore_index);
        Tensor auxiliary = ce_dice(aux, target, loss_weight, num_classes, dice, ignore_index);
        return with_aux(main, auxiliary).MoveToOuterDisposeScope();
    }

    /// <summary><c>out + 0.5 * aux</c>.</summary>
    public static Tensor with_aux(Tensor out_loss, Tensor aux_loss, double aux_weight = AuxWeight)
    {
        ArgumentNullException.ThrowIfNull(out_loss);
        ArgumentNullException.ThrowIfNull(aux_loss);
        using Scalar weight = aux_weight.ToScalar();
        return out_loss.add(aux_loss, weight);
    }

    /// <summary>
    /// U2Net's loss: <c>sum_i weights[i] * binary_cross_entropy_with_logits(maps[i], target)</c>
    /// (mean over pixels for each map). Every map must have the target's shape; weights default to 1.
    /// </summary>
    public static Tensor multi_bce_with_logits(IReadOnlyList<Tensor> maps, Tensor target, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(target);
        if (maps.Count == 0)
            throw new ArgumentException("multi_bce_with_logits needs at least one map", nameof(maps));
        if (weights is not null && weights.Count != maps.Count)
            throw new ArgumentException($"{weights.Count} weights for {maps.Count} maps", nameof(weights));
        using var scope = torch.NewDisposeScope();
        var terms = new Tensor[maps.Count];
        for (int i = 0; i < maps.Count; i++)
            terms[i] = F.binary_cross_entropy_with_logits(maps[i], target);
        return weighted_sum(terms, weights ?? Enumerable.Repeat(1.0, maps.Count).ToArray()).MoveToOuterDisposeScope();
    }

    /// <summary><c>weights[0] * terms[0] + ... + weights[n-1] * terms[n-1]</c>, in that order (U2Net's total).</summary>
    public static Tensor weighted_sum(IReadOnlyList<Tensor> terms, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(weights);
        if (terms.Count == 0 || weights.Count != terms.Count)
            throw new ArgumentException($"{weights.Count} weights for {terms.Count} terms; at least one term, one weight each", nameof(weights));
        Tensor total;
        using (Scalar first = weights[0].ToScalar())
            total = terms[0].mul(first);
        for (int i = 1; i < terms.Count; i++)
        {
            using Scalar w = weights[i].ToScalar();
            total.add_(terms[i], w);
        }
        return total;
    }

    /// <summary><c>(terms[0] + ... + terms[n-1]) / n</c> (UNet++'s deep-supervision total).</summary>
    public static Tensor mean(IReadOnlyList<Tensor> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
            throw new ArgumentException("mean needs at least one term", nameof(terms));
        using Tensor sum = terms[0].clone();
        for (int i = 1; i < terms.Count; i++)
            sum.add_(terms[i], Scalars.One);
        using Scalar count = ((double)terms.Count).ToScalar();
        return sum.div(count);
    }
}
