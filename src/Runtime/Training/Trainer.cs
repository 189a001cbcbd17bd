using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Diagnostics;
using Segment.Runtime.Data;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;

namespace Segment.Runtime.Training;

/// <summary>
/// Trains a generated network as the seeds' train_one_epoch does: per batch, the network's
/// <c>ForwardNamed</c> and <c>Loss</c>, backward, the optimizer's step, then the next step's learning rate
/// from the schedule (<see cref="LearningRates"/>). After each epoch it validates (<see cref="Evaluator"/>),
/// appends a line to RUN/metrics.jsonl, keeps RUN/best.pth when the score improved, and writes RUN/last.pth
/// with its resume state RUN/last.train.pth (<see cref="RunFiles"/>). A cancellation stops after the step in
/// progress and writes last.pth and its state at that step, so <see cref="Run"/> with
/// <c>resumeFrom: last.pth</c> continues exactly where it stopped.
/// <para>
/// Data-parallel (a <see cref="ICommunicator"/> of several ranks, docs/distributed.md): every rank runs this with its
/// shard of the batches (<see cref="BatchSource.Training"/> given the communicator); rank 0's weights (and on a resume its
/// optimizer state and position) go to every rank first, gradients are averaged over the ranks before each optimizer
/// step (<see cref="GradientAverager"/>), BatchNorm optionally uses the global batch (<see cref="SyncBatchNorm"/>), the
/// logged loss is the mean over the ranks, validation is sharded and combined exactly, and only rank 0 writes files.
/// </para>
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly ISegmentationNetwork network;
    private readonly torch.nn.Module module;
    private readonly TrainingOptions options;
    private readonly ICommunicator communicator;

    /// <summary>
    /// Moves the network to <see cref="TrainingOptions.Device"/> (<c>cuda</c> meaning <c>cuda:{local rank}</c> under a
    /// launcher: <see cref="RankDevices"/>) and builds its optimizer (<see cref="Optimizers"/>). <paramref name="communicator"/>:
    /// the job this process trains in (default: a single process).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range (<see cref="TrainingOptions.Check"/>).</exception>
    /// <exception cref="ArgumentException">A device that is not there.</exception>
    public Trainer(ISegmentationNetwork network, TrainingOptions options, string runFolder, ICommunicator? communicator = null)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.communicator = communicator ?? SingleProcess.Instance;
        options.Check();
        Device = Devices.Parse(RankDevices.Resolve(options.Device, this.communicator));
        module = (torch.nn.Module)network;
        module.to(Device);
        Optimizer = Optimizers.Create(module, options);
        Files = new RunFiles(runFolder);
        if (this.communicator.IsWriter())
            Directory.CreateDirectory(runFolder);
        Gradients = this.communicator.IsDistributed() ? new GradientAverager(module.parameters(), this.communicator) : null;
    }

    public Device Device { get; }

    /// <summary>TorchSharp's optimizer (its learning rate is set before every step).</summary>
    public torch.optim.Optimizer Optimizer { get; }

    public RunFiles Files { get; }

    /// <summary>
    /// BatchNorm with the statistics of the global batch (every rank's, <see cref="Distributed.SyncBatchNorm"/>) in
    /// training, as torch.nn.SyncBatchNorm; off (the default), each rank normalises by its own batch, as DDP does.
    /// </summary>
    public bool SyncBatchNorm { get; init; }

    /// <summary>The gradient allreduce (buckets, bytes and time per step) when training on several ranks, else null.</summary>
    public GradientAverager? Gradients { get; }

    /// <summary>Told after every step (on the training thread: keep it quick).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Told the validation images done so far (of the evaluator's <see cref="Evaluator.Count"/>) while an epoch validates.</summary>
    public IProgress<int>? ValidationProgress { get; init; }

    /// <summary>Told after every epoch, once its line is in metrics.jsonl.</summary>
    public IProgress<EpochRecord>? EpochDone { get; init; }

    /// <summary>
    /// Trains from the start, or from <paramref name="resumeFrom"/> (a last.pth with its .train.pth beside it), to
    /// <see cref="TrainingOptions.Epochs"/>. <paramref name="train"/> must give each epoch's batches in the same
    /// order on every run (a <see cref="SegmentationLoader"/> with the run's seed does).
    /// </summary>
    /// <exception cref="InvalidDataException">The resume files are not a matching pair written by this trainer.</exception>
    public TrainingResult Run(IBatchSource train, Evaluator? validation = null, string? resumeFrom = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        int steps = train.BatchCount;
        if (steps < 1)
            throw new ArgumentException("the training set gives no batch (fewer samples than one batch?)", nameof(train));
        long totalSteps = (long)steps * options.Epochs;
        bool writer = communicator.IsWriter(), distributed = communicator.IsDistributed();
        MetricsLog? log = writer ? new MetricsLog(Files.Metrics) : null;
        var fresh = new TrainingState { StepsPerEpoch = steps, Seed = options.Seed, Optimizer = options.Optimizer };
        // Only rank 0 reads the resume files; every rank then starts from rank 0's weights and state.
        TrainingState state = resumeFrom is not null && writer ? Resume(resumeFrom, steps) : fresh;
        state = RankZeroStart.Share(communicator, module, Optimizer, state, withOptimizer: resumeFrom is not null);
        log?.KeepEpochsBefore(state.Epoch + 1);
        using IDisposable? synchronised = SyncBatchNorm ? Distributed.SyncBatchNorm.Attach(module, communicator) : null;

        var records = new List<EpochRecord>();
        var trainClock = new Stopwatch();
        long stepsThisRun = 0, imagesThisRun = 0;
        double lr = LearningRates.For(options, Math.Min(state.GlobalStep, totalSteps - 1), steps);
        for (int epoch = state.Epoch; epoch < options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            module.train();
            torch.manual_seed(SeedMixing.Mix(options.Seed, epoch));
            int done = epoch == state.Epoch ? state.StepInEpoch : 0;
            double lossSum = done > 0 ? state.EpochLossSum : 0;
            int lossCount = done > 0 ? state.EpochLossCount : 0;
            long globalStep = state.GlobalStep;
            if (done < steps)
            {
                int index = 0;
                foreach (Batch batch in train.Epoch(epoch))
                {
                    bool stop = false;
                    using (batch)
                    {
                        if (index++ < done)
                            continue;
                        trainClock.Start();
                        lr = LearningRates.For(options, globalStep, steps);
                        double loss = Step(batch, lr);
                        // One decision for all ranks: the mean loss, and whether any rank was asked to stop.
                        (loss, stop) = Agree(loss, cancel.IsCancellationRequested);
                        trainClock.Stop();
                        globalStep++;
                        done++;
                        stepsThisRun++;
                        imagesThisRun += batch.Count * communicator.Size;
                        lossSum += loss;
                        lossCount++;
                        double perStep = trainClock.Elapsed.TotalSeconds / stepsThisRun;
                        Progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, done, steps, globalStep, totalSteps, loss, lr,
                            imagesThisRun / Math.Max(trainClock.Elapsed.TotalSeconds, 1e-9), TimeSpan.FromSeconds(perStep * (totalSteps - globalStep))));
                    }
                    state = state with { Epoch = epoch, StepInEpoch = done, GlobalStep = globalStep, EpochLossSum = lossSum, EpochLossCount = lossCount };
                    // One process also honours a cancellation requested while the step was reported (a progress
                    // handler that stops at a given step); ranks decide together, at the next step's agreement.
                    if (stop || (!distributed && cancel.IsCancellationRequested))
                        return Stop(state, records);
                }
            }

            EvaluationResult? result = null;
            bool validate = (epoch + 1) % options.EvalInterval == 0 || epoch + 1 == options.Epochs;
            if (validation is not null && validate)
            {
                try
                {
                    // Sharded validation cannot stop on one rank alone: it runs to the end and the epoch's end decides.
                    result = validation.Evaluate(network, Device, distributed ? CancellationToken.None : cancel, ValidationProgress);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    return Stop(state, records);
                }
            }
            double trainLoss = lossCount > 0 ? lossSum / lossCount : double.NaN;
            var record = new EpochRecord(epoch + 1, trainLoss, lr, result, epochClock.Elapsed.TotalSeconds);
            log?.Append(record);
            records.Add(record);

            // Higher is better: the validation score, or without validation the negated training loss.
            double score = validation is null ? -trainLoss : result?.Score ?? double.NaN;
            bool better = !double.IsNaN(score) && (double.IsNaN(state.BestScore) || score > state.BestScore);
            if (better && writer)
                StateDicts.Save(module, Files.Best);
            state = state with
            {
                Epoch = epoch + 1, StepInEpoch = 0, EpochLossSum = 0, EpochLossCount = 0,
                BestScore = better ? score : state.BestScore, BestEpoch = better ? epoch + 1 : state.BestEpoch,
            };
            if (writer)
                TrainingState.SavePair(Files.Last, module, state, Optimizer);
            EpochDone?.Report(record);
            if (communicator.Any(cancel.IsCancellationRequested) && epoch + 1 < options.Epochs)
                return new TrainingResult(records, state, true, Files);
        }
        return new TrainingResult(records, state, false, Files);
    }

    private double Step(Batch batch, double lr)
    {
        using var scope = torch.NewDisposeScope();
        Optimizers.SetLearningRate(Optimizer, lr);
        Tensor images = batch.Images.to(Device), targets = batch.Targets.to(Device);
        (Tensor total, _) = network.Loss(network.ForwardNamed(images), targets);
        Optimizer.zero_grad();
        total.backward();
        Gradients?.Average();
        Optimizer.step();
        return total.item<float>();
    }

    /// <summary>The step's loss averaged over the ranks (each rank's batch is the same size) and whether any rank stops.</summary>
    private (double Loss, bool Stop) Agree(double loss, bool stop)
    {
        if (!communicator.IsDistributed())
            return (loss, stop);
        Span<double> both = [loss, stop ? 1 : 0];
        communicator.AllReduceSum(both);
        return (both[0] / communicator.Size, both[1] > 0);
    }

    private TrainingResult Stop(TrainingState state, List<EpochRecord> records)
    {
        if (communicator.IsWriter())
            TrainingState.SavePair(Files.Last, module, state, Optimizer);
        return new TrainingResult(records, state, true, Files);
    }

    private TrainingState Resume(string weights, int steps)
    {
        string sidecar = RunFiles.SidecarOf(weights);
        if (!File.Exists(sidecar))
            throw new InvalidDataException($"{sidecar}: no resume state beside {weights} (segment train writes last.pth with last.train.pth)");
        StateDicts.Load(module, weights);
        var tensors = TorchCheckpoint.Load(sidecar);
        try
        {
            TrainingState state = TrainingState.FromTensors(tensors, sidecar);
            if (state.Optimizer != options.Optimizer)
                throw new InvalidDataException($"{sidecar}: the run used {TrainingNames.Name(state.Optimizer)}, not {TrainingNames.Name(options.Optimizer)}");
            if (state.Seed != options.Seed)
                throw new InvalidDataException($"{sidecar}: the run used seed {state.Seed}, not {options.Seed} (the data order depends on it)");
            if (state.StepsPerEpoch != steps)
                throw new InvalidDataException($"{sidecar}: the run had {state.StepsPerEpoch} batches per epoch, this training set gives {steps} (another dataset or batch size?)");
            if (state.StepInEpoch > steps || state.GlobalStep != (long)state.Epoch * steps + state.StepInEpoch)
                throw new InvalidDataException($"{sidecar}: step {state.StepInEpoch} of epoch {state.Epoch} and global step {state.GlobalStep} do not describe one position of a run of {steps} batches per epoch");
            OptimizerStates.Load(Optimizer, tensors, sidecar);
            return state;
        }
        finally
        {
            foreach (Tensor t in tensors.Values)
                t.Dispose();
        }
    }

    public void Dispose() => Optimizer.Dispose();
}
