using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests.Distributed;

/// <summary>
/// `segment train`, `eval` and `predict` under <c>mpirun -np 2</c> on this machine, 1 thread per rank, against one
/// process. u2netp at 64 x 64 on 4 synthetic DUTS images: one global batch of 4, i.e. one SGD step. (u2netp's
/// deepest BatchNorms see 2 x 2 maps at this size and amplify float rounding after a step: one process with 1 and
/// with 2 threads already drift apart by 1e-3 after two steps, so the comparison is made after one.)
/// </summary>
[Collection(MpiCollection.Name)]
public sealed class MpiTrainingTests
{
    private const double Tolerance = 1e-4;

    [MpiFact]
    public void Sync_bn_on_two_ranks_of_batch_2_equals_one_process_of_batch_4()
    {
        string data = Synth(train: 4);
        string one = Folder("one"), two = Folder("two"), unsynced = Folder("unsynced");
        Check(CliRunner.Run([.. Train(data, one), "--batch-size", "4", "--sync-bn"]));
        CliRunner.Result run = MpiRunner.Run(2, [.. Train(data, two), "--batch-size", "2", "--sync-bn"]);
        Check(run);
        Check(MpiRunner.Run(2, [.. Train(data, unsynced), "--batch-size", "2"]));

        double synced = MaxRelativeDifference(one, two), local = MaxRelativeDifference(one, unsynced);
        Assert.True(synced <= Tolerance, $"sync-bn on 2 ranks differs from one process by {synced:G3}");
        // The control: without --sync-bn each rank normalises by its own 2 images, which the comparison must see.
        Assert.True(local > 100 * Tolerance, $"without --sync-bn the weights should differ, by {local:G3} only");

        // One writer: rank 0 printed the epoch once and left the run's files, nothing half-written.
        Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("epoch 1:", StringComparison.Ordinal));
        Assert.Contains("distributed: 2 ranks", run.Stdout);
        Assert.Equal(["best.pth", "last.pth", "last.train.pth", "metrics.jsonl", "report.html", "run.json"], Directory.GetFiles(two).Select(Path.GetFileName).Order());
        double loss1 = TrainLoss(one), loss2 = TrainLoss(two);
        Assert.True(Math.Abs(loss1 - loss2) < 1e-5, $"train loss {loss1} vs {loss2}: the logged loss is the mean over the ranks");
    }

    [MpichFact]
    public void Under_mpich_two_ranks_with_sync_bn_equal_one_process()
    {
        // The same run under MPICH's launcher and library (integer handles): allreduce, broadcast and barrier all work.
        string data = Synth(train: 4);
        string one = Folder("mpich-one"), two = Folder("mpich-two");
        Check(CliRunner.Run([.. Train(data, one), "--batch-size", "4", "--sync-bn"]));
        CliRunner.Result run = MpiRunner.RunMpich(2, TimeSpan.FromMinutes(5), [.. Train(data, two), "--batch-size", "2", "--sync-bn"]);
        Check(run);
        Assert.Contains("distributed: 2 ranks (MPICH", run.Stdout);
        double difference = MaxRelativeDifference(one, two);
        Assert.True(difference <= Tolerance, $"sync-bn on 2 MPICH ranks differs from one process by {difference:G3}");
        Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("epoch 1:", StringComparison.Ordinal));
    }

    [MpiFact]
    public void A_run_resumes_with_another_rank_count_from_rank_zeros_files()
    {
        string data = Synth(train: 4);
        string run = Folder("resume");
        Check(CliRunner.Run([.. Train(data, run), "--batch-size", "4", "--sync-bn"]));
        // Two ranks of 2 keep the global batch of 4, so the epoch has the same single step; the SGD momentum comes from rank 0.
        CliRunner.Result resumed = MpiRunner.Run(2, [.. Train(data, run, epochs: 2), "--batch-size", "2", "--sync-bn", "--resume", Path.Combine(run, "last.pth")]);
        Check(resumed);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        Assert.Single(resumed.Stdout.Split('\n'), l => l.StartsWith("epoch 2:", StringComparison.Ordinal));
        Assert.DoesNotContain(resumed.Stdout.Split('\n'), l => l.StartsWith("epoch 1:", StringComparison.Ordinal));
    }

    [MpiFact]
    public void Eval_and_predict_on_two_ranks_give_the_one_process_results()
    {
        string data = Synth(train: 4, test: 5);
        string run = Folder("weights");
        Check(CliRunner.Run([.. Train(data, run), "--batch-size", "4"]));
        string[] eval = ["eval", "--model", "u2netp", "--weights", Path.Combine(run, "best.pth"), "--data", data, "--layout", "duts", "--size", "64", "--json", "--threads", "1", "--workers", "1"];
        CliRunner.Result alone = CliRunner.Run(eval), sharded = MpiRunner.Run(2, eval);
        Check(alone);
        Check(sharded);
        // Combined exactly: the same JSON, to the last digit, printed once.
        Assert.Equal(alone.Stdout.Trim(), sharded.Stdout.Trim());
        Assert.Contains("\"images\":5", sharded.Stdout);

        string images = Path.Combine(data, "DUTS-TE", "DUTS-TE-Image");
        string p1 = Folder("predict-one"), p2 = Folder("predict-two");
        string[] predict = ["predict", "--model", "u2netp", "--weights", Path.Combine(run, "best.pth"), "--input", images, "--size", "64", "--threads", "1"];
        Check(CliRunner.Run([.. predict, "--output", p1]));
        CliRunner.Result parts = MpiRunner.Run(2, [.. predict, "--output", p2]);
        Check(parts);
        var expected = Directory.GetFiles(p1).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, Directory.GetFiles(p2).Select(Path.GetFileName).Order());
        foreach (string? name in expected)
            Assert.Equal(File.ReadAllBytes(Path.Combine(p1, name!)), File.ReadAllBytes(Path.Combine(p2, name!)));
        // Each image once, by one rank.
        Assert.Equal(5, parts.Stdout.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
    }

    [MpiFact]
    public void A_rank_that_fails_ends_the_job_with_one_line_naming_it()
    {
        string data = Synth(train: 4);
        string bad = Directory.GetFiles(Path.Combine(data, "DUTS-TR", "DUTS-TR-Image")).Order().Last();
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0x00, 1, 2, 3]);
        string run = Folder("fault");
        var clock = Stopwatch.StartNew();
        CliRunner.Result r = MpiRunner.Run(2, TimeSpan.FromMinutes(2), [.. Train(data, run), "--batch-size", "2"]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the job took {clock.Elapsed.TotalSeconds:F0} s to end");
        string line = Assert.Single(r.Stderr.Split('\n'), l => l.StartsWith("segment train: rank ", StringComparison.Ordinal));
        Assert.Matches(@"^segment train: rank [01] of 2: .*" + Path.GetFileName(bad), line);
        Assert.Empty(Directory.Exists(run) ? Directory.GetFiles(run, "*.pth") : []);
    }

    [MpiFact]
    public void A_killed_rank_ends_the_job_within_seconds_and_leaves_whole_checkpoints()
    {
        string data = Synth(train: 4);
        string run = Folder("killed");
        using MpiRunner.Job job = MpiRunner.Start(2, [.. Train(data, run, epochs: 500), "--batch-size", "2"]);
        Assert.True(job.WaitFor("epoch 2:", TimeSpan.FromMinutes(3)), "training did not get going:\n" + job.Stdout);
        IReadOnlyList<int> ranks = job.Ranks();
        Assert.Equal(2, ranks.Count);
        Process.GetProcessById(ranks[^1]).Kill();
        var clock = Stopwatch.StartNew();
        CliRunner.Result r = job.Wait(TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, r.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the job took {clock.Elapsed.TotalSeconds:F0} s to end after the kill");
        foreach (string file in new[] { "last.pth", "last.train.pth" })
            Assert.NotEmpty(TorchCheckpoint.Load(Path.Combine(run, file)));
    }

    [MpiFact]
    public void A_hung_rank_ends_the_job_when_a_collective_times_out()
    {
        // A stopped rank never dies, so mpirun never notices it: only the other rank's collective timeout ends the job.
        string data = Synth(train: 4);
        string run = Folder("hung");
        var environment = new Dictionary<string, string> { ["SEGMENT_COLLECTIVE_TIMEOUT"] = "10" };
        using MpiRunner.Job job = MpiRunner.Start(2, environment, [.. Train(data, run, epochs: 500), "--batch-size", "2"]);
        Assert.True(job.WaitFor("epoch 2:", TimeSpan.FromMinutes(3)), "training did not get going:\n" + job.Stdout);
        IReadOnlyList<int> ranks = job.Ranks();
        Assert.Equal(2, ranks.Count);
        using (Process stop = Process.Start("kill", ["-STOP", ranks[^1].ToString()]))
            stop.WaitForExit();
        var clock = Stopwatch.StartNew();
        try
        {
            CliRunner.Result r = job.Wait(TimeSpan.FromMinutes(2));
            Assert.NotEqual(0, r.ExitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the job took {clock.Elapsed.TotalSeconds:F0} s to end after the stop");
            string line = Assert.Single(r.Stderr.Split('\n'), l => l.StartsWith("segment train: rank ", StringComparison.Ordinal));
            Assert.Matches(@"^segment train: rank [01] of 2: MPI_\w+ did not complete in 10 s \(SEGMENT_COLLECTIVE_TIMEOUT\): another rank is stuck or gone; ending the job", line);
            foreach (string file in new[] { "last.pth", "last.train.pth" })
                Assert.NotEmpty(TorchCheckpoint.Load(Path.Combine(run, file)));
        }
        finally
        {
            // mpirun kills the stopped rank as it ends the job; continue it in case it did not.
            using Process resume = Process.Start("kill", ["-CONT", ranks[^1].ToString()]);
            resume.WaitForExit();
        }
    }

    private static string[] Train(string data, string run, int epochs = 1) =>
        ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", run, "--epochs", epochs.ToString(), "--warmup-epochs", "0",
         "--size", "64", "--optimizer", "sgd", "--lr", "1e-3", "--seed", "3", "--threads", "1", "--workers", "1"];

    private static string Synth(int train, int test = 3)
    {
        string root = RepoPaths.NewTempDirectory("mpi-data");
        Check(CliRunner.Run("synth", "--out", root, "--train-images", train.ToString(), "--test-images", test.ToString(), "--size", "72"));
        return root;
    }

    private static string Folder(string name) => Path.Combine(RepoPaths.NewTempDirectory("mpi-" + name), "run");

    private static void Check(CliRunner.Result r) => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");

    private static double TrainLoss(string run) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))[0]).RootElement.GetProperty("train_loss").GetDouble();

    /// <summary>The largest |a - b| / max(1, |a|) over every parameter and buffer of the two runs' last.pth.</summary>
    private static double MaxRelativeDifference(string a, string b)
    {
        var x = TorchCheckpoint.Load(Path.Combine(a, "last.pth"));
        var y = TorchCheckpoint.Load(Path.Combine(b, "last.pth"));
        Assert.Equal(x.Keys.Order(), y.Keys.Order());
        double worst = 0;
        foreach ((string key, Tensor t) in x)
        {
            if (!t.is_floating_point())
                continue;
            using Tensor p = t.to(ScalarType.Float64), q = y[key].to(ScalarType.Float64);
            worst = Math.Max(worst, ((p - q).abs() / p.abs().clamp_min(Scalars.One)).max().item<double>());
        }
        return worst;
    }
}

/// <summary>The MPI jobs run one at a time: each takes the machine's cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MpiCollection
{
    public const string Name = "mpi";
}
