using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using TorchSharp.Modules;

namespace Segment.Runtime.Training;

/// <summary>
/// TorchSharp's optimizer for <see cref="TrainingOptions"/>, with the seeds' parameter groups: AdamW and
/// Adam in two groups as u2net's <c>get_params_groups</c> builds them (no decay for biases and 1-d
/// parameters, i.e. BN's weight and bias; decay for the rest), SGD over every parameter with momentum and
/// decay as unet's train.py does; with <see cref="TrainingOptions.DecayEveryParameter"/> (UNet++'s Adam) one decayed group. Frozen parameters (no requires_grad) are left out, as both scripts do.
/// </summary>
public static class Optimizers
{
    public static torch.optim.Optimizer Create(torch.nn.Module module, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        var trainable = module.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (trainable.Count == 0)
            throw new ArgumentException("the network has no trainable parameter", nameof(module));
        bool exemptAny = !options.DecayEveryParameter;
        bool Exempt((string name, Parameter parameter) p) => exemptAny && (p.parameter.dim() == 1 || p.name.EndsWith(".bias", StringComparison.Ordinal));
        var noDecay = trainable.Where(Exempt).Select(p => p.parameter).ToList();
        var decay = trainable.Where(p => !Exempt(p)).Select(p => p.parameter).ToList();
        double lr = options.LearningRate, wd = options.WeightDecay;
        switch (options.Optimizer)
        {
            case OptimizerKind.AdamW:
                return torch.optim.AdamW(Groups(noDecay, decay, (ps, w) => new AdamW.ParamGroup(ps, lr, weight_decay: w), wd), lr, weight_decay: wd);
            case OptimizerKind.Adam:
                return torch.optim.Adam(Groups(noDecay, decay, (ps, w) => new Adam.ParamGroup(ps, lr, weight_decay: w), wd), lr, weight_decay: wd);
            case OptimizerKind.Sgd:
                return torch.optim.SGD(trainable.Select(p => p.parameter), lr, momentum: options.Momentum, weight_decay: wd);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "unknown optimizer");
        }
    }

    /// <summary>Sets every group's learning rate (what LambdaLR's step does).</summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = lr;
    }

    private static List<T> Groups<T>(List<Parameter> noDecay, List<Parameter> decay, Func<List<Parameter>, double, T> group, double wd)
    {
        var groups = new List<T>();
        if (noDecay.Count > 0)
            groups.Add(group(noDecay, 0.0));
        if (decay.Count > 0)
            groups.Add(group(decay, wd));
        return groups;
    }
}
