using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.Data;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.Runtime.Training;
using Xunit;

namespace Segment.Training.Tests;

/// <summary>
/// UNet's recipe (SGD with momentum, poly) through the trainer on batches handed in as tensors (no loader):
/// the loss falls, validation writes Dice / mIoU / accuracy / per-class IoU, and the resume state holds SGD's
/// momentum buffers under PyTorch's name.
/// </summary>
public sealed class MultiClassTrainingTests
{
    [Fact]
    public void Unet_trains_with_sgd_and_validates_with_segmentation_metrics()
    {
        torch.manual_seed(9);
        using ISegmentationNetwork network = GeneratedNetworks.Create("unet32");
        // Right half class 1, left half class 0; colour tells them apart.
        static Batch Make(int n, int h, int w, int seed)
        {
            using var g = new torch.Generator((ulong)seed);
            using Scalar tenth = 0.1.ToScalar();
            Tensor x = torch.randn([n, 3, h, w], generator: g).mul(tenth);
            Tensor classes = torch.zeros([n, h, w], ScalarType.Int64);
            classes[.., .., (w / 2)..] = torch.tensor(1L);
            x[.., 0, .., (w / 2)..] = x[.., 0, .., (w / 2)..].add(Scalars.One, Scalars.One);
            return new Batch(x, classes, Enumerable.Range(0, n).Select(i => $"s{seed}_{i}").ToArray(), Enumerable.Range(0, n).ToArray());
        }
        var train = BatchSource.From(2, epoch => Enumerable.Range(0, 2).Select(k => Make(2, 16, 16, 10 * epoch + k)));
        var validation = new Evaluator(BatchSource.From(2, _ => new[] { Make(1, 20, 18, 100), Make(1, 17, 24, 101) }));
        var options = TrainingOptions.UNet with { Epochs = 3, WarmupEpochs = 1, BatchSize = 2, LearningRate = 0.05 };
        Assert.Equal(OptimizerKind.Sgd, options.Optimizer);
        string folder = TrainingRun.NewFolder("unet");
        var validated = new System.Collections.Generic.List<int>();
        using var trainer = new Trainer(network, options, folder) { ValidationProgress = new Sync<int>(validated.Add) };
        TrainingResult result = trainer.Run(train, validation);

        Assert.False(result.Cancelled);
        Assert.Equal([1, 2, 1, 2, 1, 2], validated);
        Assert.Equal(3, result.Epochs.Count);
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss, string.Join(", ", result.Epochs.Select(e => e.TrainLoss)));
        EvaluationResult val = result.Epochs[^1].Validation!;
        Assert.Equal(2, val.Images);
        Assert.Equal(2, val.PerClassIou!.Count);
        Assert.Equal(val.PerClassIou.Average(), val.MeanIou!.Value, 9);
        Assert.InRange(val.Dice!.Value, 0, 1);
        using (var doc = JsonDocument.Parse(File.ReadAllLines(Path.Combine(folder, "metrics.jsonl"))[^1]))
            Assert.Equal(["images", "dice", "miou", "accuracy", "per_class_iou"], doc.RootElement.GetProperty("val").EnumerateObject().Select(p => p.Name));

        var state = TorchCheckpoint.Load(Path.Combine(folder, "last.train.pth"));
        Assert.Equal(
            ((torch.nn.Module)network).parameters().Count(),
            state.Keys.Count(k => k.StartsWith("optimizer.state.") && k.EndsWith(".momentum_buffer")));
        Assert.Equal(6, state["trainer.global_step"].ToInt64());
        // The last lr is poly's at step 5 of 6 after 2 warmup steps: 0.05 * (1 - 3/4)^0.9.
        Assert.Equal(LearningRates.At(5, 6, 2, 0.05, LrSchedule.Poly), result.Epochs[^1].LearningRate, 12);
    }
}
