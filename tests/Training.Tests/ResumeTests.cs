using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime.Training;
using Xunit;

namespace Segment.Training.Tests;

/// <summary>The straight 3-epoch run the resumed runs are compared with, trained once per test class.</summary>
public sealed class StraightRun
{
    public const string Collection = "straight run";

    public StraightRun()
    {
        Run = new TrainingRun();
        Folder = TrainingRun.NewFolder("straight");
        (Result, Weights) = Run.Train(Folder, fromInitial: true);
    }

    internal TrainingRun Run { get; }
    public string Folder { get; }
    public TrainingResult Result { get; }
    public Dictionary<string, Tensor> Weights { get; }
}

[CollectionDefinition(StraightRun.Collection)]
public sealed class StraightRunCollection : ICollectionFixture<StraightRun>;

/// <summary>
/// Resume: 2 epochs then a resumed third give the weights of 3 epochs straight; so does a run cancelled in the
/// middle of an epoch and resumed from the last.pth it left. The interrupted runs start from the straight run's
/// initial weights; the resumed ones from fresh random weights, so only the checkpoint can bring them back.
/// </summary>
[Collection(StraightRun.Collection)]
public sealed class ResumeTests(StraightRun straight, Xunit.Abstractions.ITestOutputHelper log)
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Two_epochs_then_a_resumed_third_equal_three_straight()
    {
        string folder = TrainingRun.NewFolder("two-plus-one");
        var (first, _) = straight.Run.Train(folder, fromInitial: true,
            onEpoch: cancel => new Sync<EpochRecord>(r => { if (r.Epoch == 2) cancel.Cancel(); }));
        Assert.True(first.Cancelled);
        Assert.Equal(2, first.State.Epoch);
        Assert.Equal(0, first.State.StepInEpoch);
        Assert.Equal(2 * TrainingRun.StepsPerEpoch, first.State.GlobalStep);

        var (resumed, weights) = straight.Run.Train(folder, fromInitial: false, resumeFrom: Path.Combine(folder, "last.pth"));
        Assert.False(resumed.Cancelled);
        Assert.Equal([3], resumed.Epochs.Select(e => e.Epoch));
        AssertSameWeights(straight.Weights, weights);
        // The log holds every epoch once, and the resumed epoch's numbers are the straight run's.
        var lines = File.ReadAllLines(Path.Combine(folder, "metrics.jsonl"));
        Assert.Equal(3, lines.Length);
        var straightThird = straight.Result.Epochs[2];
        Assert.Equal(straightThird.TrainLoss, resumed.Epochs[0].TrainLoss, 4);
        Assert.Equal(straightThird.LearningRate, resumed.Epochs[0].LearningRate, 12);
    }

    [Fact]
    public void A_run_cancelled_mid_epoch_resumes_to_the_same_weights()
    {
        string folder = TrainingRun.NewFolder("cancelled");
        var steps = new List<TrainingProgress>();
        var (first, _) = straight.Run.Train(folder, fromInitial: true,
            onStep: cancel => new Sync<TrainingProgress>(p => { steps.Add(p); if (p.GlobalStep == 4) cancel.Cancel(); }));
        Assert.True(first.Cancelled);
        Assert.Equal(4, steps.Count);
        Assert.Equal(1, first.State.Epoch);
        Assert.Equal(1, first.State.StepInEpoch);
        Assert.True(File.Exists(Path.Combine(folder, "last.pth")) && File.Exists(Path.Combine(folder, "last.train.pth")));
        Assert.Single(File.ReadAllLines(Path.Combine(folder, "metrics.jsonl")));

        var (resumed, weights) = straight.Run.Train(folder, fromInitial: false, resumeFrom: Path.Combine(folder, "last.pth"));
        Assert.False(resumed.Cancelled);
        Assert.Equal([2, 3], resumed.Epochs.Select(e => e.Epoch));
        AssertSameWeights(straight.Weights, weights);
        Assert.Equal(straight.Result.Epochs[1].TrainLoss, resumed.Epochs[0].TrainLoss, 4);
    }

    [Fact]
    public void A_resume_with_another_seed_is_refused()
    {
        string folder = straight.Folder;
        var tensors = Segment.Runtime.Serialization.TorchCheckpoint.Load(Path.Combine(folder, "last.train.pth"));
        Assert.Equal(TrainingRun.Epochs, tensors["trainer.epoch"].ToInt64());
        Assert.Equal(TrainingRun.Epochs * TrainingRun.StepsPerEpoch, tensors["optimizer.state.0.step"].ToInt64());
        torch.manual_seed(0);
        using var network = Segment.Examples.Networks.GeneratedNetworks.Create(TrainingRun.Model);
        using var trainer = new Trainer(network, TrainingRun.Options with { Seed = 8 }, TrainingRun.NewFolder("other-seed"));
        var e = Assert.Throws<InvalidDataException>(() => trainer.Run(straight.Run.Loader(), null, Path.Combine(folder, "last.pth")));
        Assert.Contains("seed 7, not 8", e.Message);
    }

    private void AssertSameWeights(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        double worst = 0;
        foreach (var (key, e) in expected)
        {
            Tensor a = actual[key];
            double diff = e.to(ScalarType.Float64).sub(a.to(ScalarType.Float64)).abs().max().ToDouble();
            Assert.True(diff <= Tolerance, $"{key}: differs by {diff:E3} from the straight run");
            worst = System.Math.Max(worst, diff);
        }
        log.WriteLine($"largest difference from the straight run: {worst:E3}");
        // The runs did train: the weights are not the initial ones of either seed (checked through a BN counter).
        Assert.Equal(TrainingRun.Epochs * TrainingRun.StepsPerEpoch, expected.First(kv => kv.Key.EndsWith("num_batches_tracked")).Value.ToInt64());
    }
}
