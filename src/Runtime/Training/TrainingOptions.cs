using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Runtime.NN;

namespace Segment.Runtime.Training;

/// <summary>
/// How <see cref="Trainer"/> trains. The record's defaults are U²-Net's recipe; <see cref="UNet"/> is UNet's,
/// <see cref="UNetPlusPlus"/> UNet++'s, and <see cref="For"/> picks by the network's family. Sources: WZMIAOMIAO's
/// deep-learning-for-image-processing/pytorch_segmentation (the projects seeds 000 and 004 describe):
/// <c>u2net/train.py</c> (batch 16, 360 epochs, AdamW lr 1e-3, weight decay 1e-4 on weights only, a cosine
/// schedule after 2 warmup epochs) and <c>unet/train.py</c> (batch 4, 100 epochs, SGD lr 0.01, momentum 0.9,
/// weight decay 1e-4 on every parameter, poly after 1 warmup epoch); 4uiiurz1/pytorch-nested-unet's
/// <c>train.py</c> for UNet++ (batch 16, 100 epochs, Adam lr 1e-3, weight decay 1e-4, CosineAnnealingLR down to
/// 1e-5, no warmup). docs/training.md lists them.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Epochs to train in all (u2net train.py: 360; unet: 100).</summary>
    public int Epochs { get; init; } = 360;

    /// <summary>Samples per step (u2net train.py: 16; unet: 4): the loader batches (<see cref="BatchSource.Training"/> builds it from these options); the trainer takes the batches it is given.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>The base learning rate before the schedule's factor (u2net train.py: 1e-3; unet: 0.01).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>u2net train.py: AdamW; unet: SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>
    /// Weight decay (both train.py: 1e-4). AdamW and Adam exempt biases and every 1-d parameter (BN's weight
    /// and bias) as u2net's get_params_groups does; SGD decays every parameter as unet's train.py does.
    /// </summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>
    /// AdamW and Adam decay biases and 1-d parameters too (UNet++'s train.py passes every parameter to Adam with
    /// one weight decay); false keeps u2net's two groups. SGD always decays every parameter.
    /// </summary>
    public bool DecayEveryParameter { get; init; }

    /// <summary>SGD's momentum (unet train.py: 0.9); unused by Adam and AdamW.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>u2net: cosine; unet: poly (their create_lr_scheduler).</summary>
    public LrSchedule Schedule { get; init; } = LrSchedule.Cosine;

    /// <summary>The floor of <see cref="LrSchedule.CosineAnnealing"/> (UNet++ train.py's min_lr: 1e-5); unused by the other schedules.</summary>
    public double MinLearningRate { get; init; }

    /// <summary>Epochs of linear warmup from 1e-3 x the learning rate (u2net train.py: 2; unet: create_lr_scheduler's default 1). 0: none.</summary>
    public int WarmupEpochs { get; init; } = 2;

    /// <summary>Seeds the torch generator each epoch (from seed and epoch); the loader has its own seed, which must be the same one.</summary>
    public int Seed { get; init; }

    /// <summary>cpu, cuda or cuda:N (<see cref="Devices.Parse"/>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Validate every this many epochs, and always after the last (u2net train.py's eval_interval is 10; here 1, the "each epoch").</summary>
    public int EvalInterval { get; init; } = 1;

    /// <summary>unet's train.py: 100 epochs, batch 4, SGD lr 0.01 with momentum 0.9, weight decay 1e-4, poly after 1 warmup epoch.</summary>
    public static TrainingOptions UNet { get; } = new()
    {
        Epochs = 100,
        BatchSize = 4,
        LearningRate = 0.01,
        Optimizer = OptimizerKind.Sgd,
        Schedule = LrSchedule.Poly,
        WarmupEpochs = 1,
    };

    /// <summary>u2net's train.py (the record's defaults).</summary>
    public static TrainingOptions U2Net { get; } = new();

    /// <summary>
    /// 4uiiurz1/pytorch-nested-unet's train.py with Adam, the default its --optimizer help text names (the latest
    /// version's argparse default value is SGD, against that text): 100 epochs, batch 16, Adam lr 1e-3 with L2
    /// weight decay 1e-4 on every parameter, CosineAnnealingLR(T_max = epochs, eta_min = 1e-5) stepped per epoch,
    /// no warmup. The loss is the declaration's: <c>Dice = true</c> gives the reference's BCEDiceLoss.
    /// </summary>
    public static TrainingOptions UNetPlusPlus { get; } = new()
    {
        Epochs = 100,
        BatchSize = 16,
        LearningRate = 1e-3,
        Optimizer = OptimizerKind.Adam,
        Schedule = LrSchedule.CosineAnnealing,
        MinLearningRate = 1e-5,
        DecayEveryParameter = true,
        WarmupEpochs = 0,
    };

    /// <summary>The seed recipe of the network's family, whatever its class count (a one-class UNet++ trains as UNet++ does).</summary>
    /// <exception cref="ArgumentException">A hand-written network of no known family: choose the options yourself.</exception>
    public static TrainingOptions For(ISegmentationNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Family switch
        {
            NetworkFamily.U2Net => U2Net,
            NetworkFamily.UNet => UNet,
            NetworkFamily.UNetPlusPlus => UNetPlusPlus,
            _ => throw new ArgumentException($"{network.Name} is of no known family, so it has no seed recipe: give the training options", nameof(network)),
        };
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Check()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "train at least one epoch");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "a batch holds at least one sample");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be a positive number");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be 0 or more");
        if (!(MinLearningRate >= 0) || MinLearningRate > LearningRate)
            throw new ArgumentOutOfRangeException(nameof(MinLearningRate), MinLearningRate, "the schedule's floor must be between 0 and the learning rate");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum must be in [0, 1)");
        if (WarmupEpochs < 0 || WarmupEpochs >= Epochs)
            throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, $"the warmup must be shorter than the {Epochs} epochs");
        if (EvalInterval < 1)
            throw new ArgumentOutOfRangeException(nameof(EvalInterval), EvalInterval, "validate at least every epoch count of 1");
    }
}
