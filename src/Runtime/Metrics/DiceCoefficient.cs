using System;
using Segment.Runtime.Losses;

namespace Segment.Runtime.Metrics;

/// <summary>
/// The seed's DiceCoefficient metric: for each batch, the predictions are the argmax over
/// classes as one-hot maps, the target is <see cref="DiceLoss.build_target"/>, and the batch
/// score is <see cref="DiceLoss.multiclass_dice_coeff"/> over channels 1.. (background
/// excluded) with ignored pixels skipped; <see cref="value"/> is the mean of the batch scores.
/// </summary>
public sealed class DiceCoefficient : IDisposable
{
    private Tensor? cumulative_dice;
    private long count;

    public DiceCoefficient(long num_classes = 2, long ignore_index = -100)
    {
        if (num_classes < 2)
            throw new ArgumentOutOfRangeException(nameof(num_classes), num_classes, "DiceCoefficient excludes the background class, so it needs at least 2 classes");
        this.num_classes = num_classes;
        this.ignore_index = ignore_index;
    }

    public long num_classes { get; }
    public long ignore_index { get; }

    /// <summary>Adds one batch: <paramref name="pred"/> logits or probabilities [N, C, H, W], <paramref name="target"/> class indices [N, H, W].</summary>
    public void update(Tensor pred, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(pred);
        ArgumentNullException.ThrowIfNull(target);
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            // Accumulated on the device in the prediction's dtype, as the seed does: no host sync per batch.
            cumulative_dice ??= torch.zeros([1], pred.dtype, pred.device).DetachFromDisposeScope();
            long c = num_classes;
            Tensor onehot = F.one_hot(pred.argmax(1), c).permute(0, 3, 1, 2).to(ScalarType.Float32);
            Tensor dice_target = DiceLoss.build_target(target, c, ignore_index);
            Tensor score = DiceLoss.multiclass_dice_coeff(onehot.narrow(1, 1, c - 1), dice_target.narrow(1, 1, c - 1), ignore_index);
            cumulative_dice.add_(score, Scalars.One);
            count++;
        }
    }

    /// <summary>Mean Dice over the batches seen so far (0 before any).</summary>
    public double value => count == 0 ? 0 : cumulative_dice!.ToDouble() / count;

    public void reset()
    {
        cumulative_dice?.zero_();
        count = 0;
    }

    public void Dispose()
    {
        cumulative_dice?.Dispose();
        cumulative_dice = null;
    }
}
