using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Imaging.Data;
using Segment.Runtime.Data.Transforms;
using Segment.Runtime.Data;
using Segment.Runtime.Distributed;
using Segment.Runtime.Metrics;
using Segment.Runtime.NN;

namespace Segment.Runtime.Training;

/// <summary>
/// Runs a network in eval mode under no_grad over validation batches (one image each, each at its own
/// size: the evaluation transforms resize the image only, the ground truth keeps its resolution) and
/// computes the family's metrics there, predictions resized back bilinearly (<see cref="PredictionResize"/>,
/// inside the metrics): <see cref="MaeMaxF"/> for one class (U²-Net, saliency), <see cref="SegmentationMetrics"/>
/// for several (UNet, UNet++). The network's train/eval mode is restored afterwards.
/// </summary>
public sealed class Evaluator
{
    private readonly IBatchSource batches;
    private readonly IBatchSource all;
    private readonly ICommunicator communicator;
    private readonly int total;

    public Evaluator(IBatchSource batches)
    {
        this.batches = all = batches ?? throw new ArgumentNullException(nameof(batches));
        communicator = SingleProcess.Instance;
        total = batches.BatchCount;
    }

    private Evaluator(IBatchSource shard, IBatchSource all, ICommunicator communicator, int total) =>
        (batches, this.all, this.communicator, this.total) = (shard, all, communicator, total);

    /// <summary>
    /// A validation split through its evaluation transform (e.g. <see cref="TransformPresets.U2NetEval"/>), in
    /// dataset order, one image per batch. With a <paramref name="communicator"/> of several ranks each rank measures
    /// every N-th image and <see cref="Evaluate(ISegmentationPredictor, CancellationToken, IProgress{int})"/> combines the ranks' figures into one process's (every rank must call it).
    /// </summary>
    public static Evaluator For(Dataset dataset, ISampleTransform transform, int workers = 2, ICommunicator? communicator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        IBatchSource Loader(int rank, int count) => BatchSource.From(new SegmentationLoader(dataset, transform,
            new LoaderOptions { BatchSize = 1, Shuffle = false, DropLast = false, Workers = workers, Prefetch = 2, ShardRank = rank, ShardCount = count, ShardPadded = false }));
        IBatchSource all = Loader(0, 1);
        return communicator is { } c && c.IsDistributed() ? new Evaluator(Loader(c.Rank, c.Size), all, c, dataset.Count) : new Evaluator(all);
    }

    /// <summary>Images this process measures per pass (its share when the evaluation is sharded).</summary>
    public int Count => batches.BatchCount;

    /// <summary>Images per pass over all ranks.</summary>
    public int Total => total;

    /// <summary>
    /// One pass over the validation batches; <paramref name="progress"/> hears the images done after each (of <see cref="Count"/>).
    /// Sharded, the result is every rank's images combined exactly as one process adds them up (<see cref="ShardedMetrics"/>).
    /// </summary>
    public EvaluationResult Evaluate(ISegmentationNetwork network, Device device, CancellationToken cancel = default, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var predictor = new TorchSharpPredictor(network, device);   // eval mode for the pass, the caller's mode after
        return Evaluate(predictor, cancel, progress);
    }

    /// <summary>As <see cref="Evaluate(ISegmentationNetwork, Device, CancellationToken, IProgress{int})"/> with any engine (TorchSharp, ONNX Runtime).</summary>
    public EvaluationResult Evaluate(ISegmentationPredictor predictor, CancellationToken cancel = default, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        bool sharded = communicator.IsDistributed();
        using var noGrad = torch.no_grad();
        int done = 0;
        if (predictor.Classes == 1)
        {
            var metric = new MaeMaxF();
            var table = sharded ? new ShardedMetrics(communicator, total, MaeMaxF.RowLength) : null;
            foreach (Batch batch in batches.Epoch(0))
                using (batch)
                using (torch.NewDisposeScope())
                {
                    cancel.ThrowIfCancellationRequested();
                    Tensor prediction = predictor.Probabilities(batch.Images);
                    if (table is null)
                        metric.update(prediction, batch.Targets);
                    else
                        for (int i = 0; i < batch.Count; i++)
                        {
                            var one = new MaeMaxF();
                            one.update(prediction.narrow(0, i, 1), batch.Targets.narrow(0, i, 1));
                            one.image_row(table.Row(batch.Indices[i]));
                        }
                    progress?.Report(done += batch.Count);
                }
            if (table is not null)
                metric = ShardedMetrics.CombineMaeMaxF(table);
            return new EvaluationResult { Images = metric.count, Mae = metric.mae(), MaxF = metric.max_f() };
        }
        using var local = new SegmentationMetrics(predictor.Classes) { PerImageDice = sharded ? [] : null };
        var measured = new List<int>();
        foreach (Batch batch in batches.Epoch(0))
            using (batch)
            using (torch.NewDisposeScope())
            {
                cancel.ThrowIfCancellationRequested();
                local.update(predictor.Scores(batch.Images), batch.Targets);
                measured.AddRange(batch.Indices);
                progress?.Report(done += batch.Count);
            }
        using var combined = sharded ? new SegmentationMetrics(predictor.Classes) : null;
        if (combined is not null)
        {
            var table = new ShardedMetrics(communicator, total, 1);
            for (int k = 0; k < measured.Count; k++)
                table.Row(measured[k])[0] = local.PerImageDice![k];
            combined.add(ShardedMetrics.SumCounts(communicator, local.counts()), table.Combined().Select(row => row[0]));
        }
        SegmentationMetrics metrics = combined ?? local;
        return new EvaluationResult
        {
            Images = metrics.count,
            Dice = metrics.dice(),
            MeanIou = metrics.mean_iou(),
            Accuracy = metrics.acc_global(),
            PerClassIou = metrics.iou(),
        };
    }

    /// <summary>The first <paramref name="count"/> validation samples with their predictions, for a report.</summary>
    public IReadOnlyList<EvaluationSample> Samples(ISegmentationNetwork network, Device device, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var predictor = new TorchSharpPredictor(network, device);
        var result = new List<EvaluationSample>();
        using var noGrad = torch.no_grad();
        foreach (Batch batch in all.Epoch(0).Take(Math.Max(0, count)))
            using (batch)
            using (torch.NewDisposeScope())
            {
                Tensor target = batch.Targets;
                long h = target.size(-2), w = target.size(-1);
                Tensor probabilities = PredictionResize.to_size(predictor.Probabilities(batch.Images), h, w);
                var (image, _, ih, iw) = ImageTensors.to_planes(batch.Images.narrow(0, 0, 1));
                var (prediction, channels, _, _) = ImageTensors.to_planes(probabilities.narrow(0, 0, 1));
                float[] truth = target.narrow(0, 0, 1).to(ScalarType.Float32).contiguous().data<float>().ToArray();
                result.Add(new EvaluationSample(batch.Ids[0], (int)w, (int)h, image, iw, ih, truth, prediction, channels));
            }
        return result;
    }
}
