using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Segment.Runtime.Training;
using Segment.TestSupport;
using Xunit;

namespace Segment.Training.Tests;

/// <summary>
/// LearningRates.At against the seeds' create_lr_scheduler run through torch's LambdaLR
/// (tests/oracles/lr_schedule.py): every step of short runs, with and without warmup, both schedules.
/// </summary>
public class LearningRateTests
{
    [Theory]
    [InlineData("poly", 3, 4, 1, 0.01)]
    [InlineData("poly", 5, 3, 0, 0.02)]
    [InlineData("cosine", 4, 5, 2, 1e-3)]
    [InlineData("cosine", 1, 7, 0, 0.5)]
    [InlineData("poly", 7, 6, 2, 1e-3)]
    public void Every_step_matches_the_seed_scheduler(string schedule, int stepsPerEpoch, int epochs, int warmupEpochs, double lr)
    {
        string json = PythonOracle.Run("lr_schedule.py", "--schedule", schedule, "--steps-per-epoch", I(stepsPerEpoch),
            "--epochs", I(epochs), "--warmup-epochs", I(warmupEpochs), "--lr", lr.ToString("R", CultureInfo.InvariantCulture));
        double[] expected = JsonSerializer.Deserialize<double[]>(json)!;
        long total = (long)stepsPerEpoch * epochs;
        Assert.Equal(total, expected.Length);
        LrSchedule kind = TrainingNames.ParseSchedule(schedule);
        for (int step = 0; step < total; step++)
        {
            double actual = LearningRates.At(step, total, (long)stepsPerEpoch * warmupEpochs, lr, kind);
            Assert.True(Math.Abs(actual - expected[step]) <= 1e-12 * Math.Max(1, Math.Abs(expected[step])),
                $"{schedule} step {step}: {actual:R}, PyTorch {expected[step]:R}");
        }
    }

    [Theory]
    [InlineData(3, 5, 1e-3, 1e-5)]
    [InlineData(1, 7, 0.1, 0.0)]
    [InlineData(4, 2, 1e-2, 1e-4)]
    public void Cosine_annealing_matches_torch_CosineAnnealingLR_stepped_per_epoch(int stepsPerEpoch, int epochs, double lr, double minLr)
    {
        string json = PythonOracle.Run("lr_schedule.py", "--schedule", "cosine-annealing", "--steps-per-epoch", I(stepsPerEpoch),
            "--epochs", I(epochs), "--warmup-epochs", "0", "--lr", lr.ToString("R", CultureInfo.InvariantCulture),
            "--min-lr", minLr.ToString("R", CultureInfo.InvariantCulture));
        double[] expected = JsonSerializer.Deserialize<double[]>(json)!;
        var options = new TrainingOptions
        {
            Epochs = epochs, WarmupEpochs = 0, LearningRate = lr, MinLearningRate = minLr, Schedule = LrSchedule.CosineAnnealing,
        };
        Assert.Equal(stepsPerEpoch * epochs, expected.Length);
        for (int step = 0; step < expected.Length; step++)
        {
            double actual = LearningRates.For(options, step, stepsPerEpoch);
            Assert.True(Math.Abs(actual - expected[step]) <= 1e-12 * Math.Max(1, Math.Abs(expected[step])),
                $"step {step}: {actual:R}, PyTorch {expected[step]:R}");
        }
    }

    [Fact]
    public void Warmup_starts_at_a_thousandth_and_reaches_the_base_rate()
    {
        Assert.Equal(1e-3 * 0.1, LearningRates.At(0, 100, 10, 0.1, LrSchedule.Poly), 15);
        Assert.Equal(0.1, LearningRates.At(10, 100, 10, 0.1, LrSchedule.Cosine), 15);
        Assert.True(LearningRates.At(99, 100, 10, 0.1, LrSchedule.Cosine) < 1e-3);
    }

    [Fact]
    public void A_warmup_as_long_as_the_run_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRates.Factor(0, 10, 10, LrSchedule.Poly));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Epochs = 2, WarmupEpochs = 2 }.Check());
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
