using System;
using System.Collections.Generic;
using Segment.Runtime.Losses;

namespace Segment.Runtime.Metrics;

/// <summary>
/// UNet / UNet++ evaluation at each ground truth's own resolution: logits are resized back
/// bilinearly (<see cref="PredictionResize"/>), then argmax. Ignored pixels (the ignore index,
/// 255) count nowhere. From the <see cref="ConfusionMatrix"/> of all pixels: global accuracy,
/// per-class IoU and mIoU; and the seed's Dice coefficient (<see cref="DiceLoss"/>'s
/// definition, background excluded) per image, averaged over images, so the score does not
/// depend on the batch size.
/// </summary>
public sealed class SegmentationMetrics : IDisposable
{
    private readonly ConfusionMatrix confusion;
    private double diceSum;
    private long images;

    public SegmentationMetrics(long num_classes, long ignore_index = 255)
    {
        if (num_classes < 2)
            throw new ArgumentOutOfRangeException(nameof(num_classes), num_classes, "Dice excludes the background class, so it needs at least 2 classes");
        confusion = new ConfusionMatrix(num_classes);
        this.ignore_index = ignore_index;
    }

    public long num_classes => confusion.num_classes;
    public long ignore_index { get; }

    /// <summary>Images seen since the last reset.</summary>
    public long count => images;

    /// <summary>Adds a batch: <paramref name="logits"/> [N, C, h, w] (or probabilities), <paramref name="target"/> class indices [N, H, W].</summary>
    public void update(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.dim() != 4 || logits.size(1) != num_classes)
            throw new ArgumentException($"expected logits [N, {num_classes}, H, W], got [{string.Join(", ", logits.shape)}]", nameof(logits));
        if (target.dim() != 3 || target.size(0) != logits.size(0))
            throw new ArgumentException($"expected targets [{logits.size(0)}, H, W], got [{string.Join(", ", target.shape)}]", nameof(target));
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        // The confusion counts stay on the logits' device; a CPU target from the loader moves there.
        Tensor classes = target.to(ScalarType.Int64).to(logits.device);
        Tensor prediction = PredictionResize.to_size(logits, classes.size(1), classes.size(2)).argmax(1);
        confusion.update(classes, prediction);
        long c = num_classes;
        for (long n = 0; n < prediction.size(0); n++)
        {
            Tensor p = prediction.narrow(0, n, 1);
            Tensor t = classes.narrow(0, n, 1);
            Tensor onehot = F.one_hot(p, c).permute(0, 3, 1, 2).to(ScalarType.Float32);
            Tensor diceTarget = DiceLoss.build_target(t, c, ignore_index);
            double dice = DiceLoss.multiclass_dice_coeff(onehot.narrow(1, 1, c - 1), diceTarget.narrow(1, 1, c - 1), ignore_index).ToDouble();
            PerImageDice?.Add(dice);
            diceSum += dice;
            images++;
        }
    }

    /// <summary>When set, each image's Dice in update order (a sharded evaluation combines them in dataset order).</summary>
    internal List<double>? PerImageDice { get; init; }

    /// <summary>Adds another shard's images: their confusion counts and their Dice values (in dataset order).</summary>
    internal void add(long[,] counts, IEnumerable<double> dicePerImage)
    {
        confusion.add_counts(counts);
        foreach (double dice in dicePerImage)
        {
            diceSum += dice;
            images++;
        }
    }

    /// <summary>Mean over images of the Dice coefficient over classes 1.. (NaN before any image).</summary>
    public double dice() => images == 0 ? double.NaN : diceSum / images;

    /// <summary>Mean IoU over all classes, background included (NaN where a class never occurs, as the seed's).</summary>
    public double mean_iou() => confusion.mean_iou();

    /// <summary>IoU per class.</summary>
    public double[] iou() => confusion.compute().iu;

    /// <summary>Correct pixels / counted pixels.</summary>
    public double acc_global() => confusion.compute().acc_global;

    /// <summary>The confusion counts [true, predicted].</summary>
    public long[,] counts() => confusion.counts();

    public void reset()
    {
        confusion.reset();
        diceSum = 0;
        images = 0;
    }

    public void Dispose() => confusion.Dispose();
}
