using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
namespace Segment.Runtime.Training;

/// <summary>
/// The learning rate of every step, as the seeds' training scripts compute it: WZMIAOMIAO's
/// <c>create_lr_scheduler</c> is a <c>LambdaLR</c> stepped once per batch, so step x (0-based)
/// trains with <c>base_lr * f(x)</c>, where f rises linearly from 1e-3 to 1 over the warmup
/// steps (x &lt;= warmup, inclusive) and then decays: unet's version as
/// <c>(1 - (x - w) / (T - w))^0.9</c>, u2net's as <c>(1 + cos(pi (x - w) / (T - w))) / 2 * (1 - 1e-6) + 1e-6</c>.
/// UNet++'s CosineAnnealingLR (<see cref="LrSchedule.CosineAnnealing"/>) is stepped once per epoch instead, so it
/// also needs the steps per epoch and its floor (<see cref="For"/>).
/// A pure function of the step, so resuming needs only the step counter.
/// tests/oracles/lr_schedule.py runs the seeds' lambdas through torch's LambdaLR for the tests.
/// </summary>
public static class LearningRates
{
    /// <summary>The factor at step 0 (create_lr_scheduler's warmup_factor).</summary>
    public const double WarmupFactor = 1e-3;

    /// <summary>unet's poly exponent.</summary>
    public const double PolyPower = 0.9;

    /// <summary>u2net's cosine floor (create_lr_scheduler's end_factor).</summary>
    public const double CosineEndFactor = 1e-6;

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double At(long step, long totalSteps, long warmupSteps, double baseLearningRate, LrSchedule schedule) =>
        baseLearningRate * Factor(step, totalSteps, warmupSteps, schedule);

    /// <summary>The learning rate <paramref name="options"/> train step <paramref name="step"/> (0-based) with, for any schedule.</summary>
    public static double For(TrainingOptions options, long step, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (stepsPerEpoch < 1)
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, "an epoch has at least one step");
        long total = (long)stepsPerEpoch * options.Epochs, warmup = (long)stepsPerEpoch * options.WarmupEpochs;
        if (options.Schedule != LrSchedule.CosineAnnealing || (warmup > 0 && step <= warmup))
            return At(step, total, warmup, options.LearningRate, options.Schedule == LrSchedule.CosineAnnealing ? LrSchedule.Cosine : options.Schedule);
        // Constant within an epoch, as a scheduler stepped after each epoch's batches.
        long epoch = Math.Min(step / stepsPerEpoch, options.Epochs - 1) - options.WarmupEpochs;
        double annealed = (1 + Math.Cos(Math.PI * epoch / (options.Epochs - options.WarmupEpochs))) / 2;
        return options.MinLearningRate + (options.LearningRate - options.MinLearningRate) * annealed;
    }

    /// <summary>The multiplier of the base learning rate at step <paramref name="step"/> (the per-step schedules, poly and cosine).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No steps, a negative step or warmup, or a warmup that leaves no step to decay over.</exception>
    public static double Factor(long step, long totalSteps, long warmupSteps, LrSchedule schedule)
    {
        if (totalSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "training needs at least one step");
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "steps count from 0");
        if (warmupSteps < 0 || warmupSteps >= totalSteps)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"the warmup must be shorter than the {totalSteps} steps");
        if (warmupSteps > 0 && step <= warmupSteps)
        {
            double alpha = (double)step / warmupSteps;
            return WarmupFactor * (1 - alpha) + alpha;
        }
        // Past the last step the seeds' poly would take a power of a negative number: stay at the end.
        double progress = Math.Min(1.0, (double)(step - warmupSteps) / (totalSteps - warmupSteps));
        return schedule switch
        {
            LrSchedule.Poly => Math.Pow(1 - progress, PolyPower),
            LrSchedule.Cosine => (1 + Math.Cos(progress * Math.PI)) / 2 * (1 - CosineEndFactor) + CosineEndFactor,
            LrSchedule.CosineAnnealing => throw new ArgumentException("cosine-annealing steps per epoch: use LearningRates.For", nameof(schedule)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "unknown schedule"),
        };
    }
}
