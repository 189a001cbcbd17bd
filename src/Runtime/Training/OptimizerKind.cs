using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
namespace Segment.Runtime.Training;

/// <summary>
/// The optimizers training offers, each TorchSharp's own (<c>torch.optim</c>; NN.Tests compare them with
/// PyTorch's). AdamW is U²-Net's (WZMIAOMIAO's pytorch_segmentation/u2net train.py), SGD with momentum
/// UNet's (pytorch_segmentation/unet train.py); Adam is AdamW's L2-decay sibling.
/// </summary>
public enum OptimizerKind
{
    AdamW,
    Adam,
    Sgd,
}

/// <summary>What the learning rate does after the linear warmup (<see cref="LearningRates"/>).</summary>
public enum LrSchedule
{
    /// <summary>(1 - progress)^0.9: unet's create_lr_scheduler (DeepLab v2's "poly").</summary>
    Poly,

    /// <summary>Half a cosine from 1 down to 1e-6: u2net's create_lr_scheduler.</summary>
    Cosine,

    /// <summary>
    /// torch's CosineAnnealingLR stepped once per epoch (UNet++'s train.py): epoch e trains at
    /// <c>min + (lr - min) (1 + cos(pi e / T)) / 2</c>, with <see cref="TrainingOptions.MinLearningRate"/> as min.
    /// </summary>
    CosineAnnealing,
}

/// <summary>The command line's spellings of <see cref="OptimizerKind"/> and <see cref="LrSchedule"/>.</summary>
public static class TrainingNames
{
    /// <summary>adamw, adam or sgd (any case).</summary>
    public static OptimizerKind ParseOptimizer(string name) => name.ToLowerInvariant() switch
    {
        "adamw" => OptimizerKind.AdamW,
        "adam" => OptimizerKind.Adam,
        "sgd" => OptimizerKind.Sgd,
        _ => throw new ArgumentException($"unknown optimizer '{name}'; expected adamw, adam or sgd", nameof(name)),
    };

    /// <summary>poly, cosine or cosine-annealing (any case).</summary>
    public static LrSchedule ParseSchedule(string name) => name.ToLowerInvariant() switch
    {
        "poly" => LrSchedule.Poly,
        "cosine" => LrSchedule.Cosine,
        "cosine-annealing" => LrSchedule.CosineAnnealing,
        _ => throw new ArgumentException($"unknown learning-rate schedule '{name}'; expected poly, cosine or cosine-annealing", nameof(name)),
    };

    public static string Name(OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    public static string Name(LrSchedule schedule) => schedule switch
    {
        LrSchedule.CosineAnnealing => "cosine-annealing",
        _ => schedule.ToString().ToLowerInvariant(),
    };
}
