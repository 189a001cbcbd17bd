using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.Runtime.Training;
using Segment.TestSupport;
using Xunit;

namespace Segment.Training.Tests;

/// <summary>
/// What a run leaves in its folder: metrics.jsonl with one line per epoch and U²-Net's validation metrics,
/// best.pth, and last.pth with last.train.pth, which PyTorch reads: last.pth loads strictly into the seeds'
/// model (tests/oracles) and gives TorchSharp's outputs within 1e-4; the state file's counters are the run's.
/// </summary>
[Collection(StraightRun.Collection)]
public sealed class RunFolderTests(StraightRun straight, Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public void Metrics_jsonl_has_a_line_per_epoch_with_the_validation_metrics()
    {
        var lines = File.ReadAllLines(Path.Combine(straight.Folder, "metrics.jsonl"));
        Assert.Equal(TrainingRun.Epochs, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var root = doc.RootElement;
            Assert.Equal(["epoch", "train_loss", "lr", "val", "seconds"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(i + 1, root.GetProperty("epoch").GetInt32());
            Assert.True(root.GetProperty("train_loss").GetDouble() > 0);
            var val = root.GetProperty("val");
            Assert.Equal(["images", "mae", "max_f"], val.EnumerateObject().Select(p => p.Name));
            Assert.Equal(3, val.GetProperty("images").GetInt32());
            double mae = val.GetProperty("mae").GetDouble(), maxF = val.GetProperty("max_f").GetDouble();
            Assert.InRange(mae, 0, 1);
            Assert.InRange(maxF, 0, 1);
        }
        // The training loss falls on this easy set (discs), so the loop does train.
        Assert.True(straight.Result.Epochs[^1].TrainLoss < straight.Result.Epochs[0].TrainLoss,
            string.Join(", ", straight.Result.Epochs.Select(e => e.TrainLoss)));
        Assert.True(File.Exists(Path.Combine(straight.Folder, "best.pth")));
        Assert.InRange(straight.Result.State.BestEpoch, 1, TrainingRun.Epochs);
    }

    [Fact]
    public void PyTorch_loads_last_pth_into_the_seed_model_and_reads_the_resume_state()
    {
        string last = Path.Combine(straight.Folder, "last.pth"), state = Path.Combine(straight.Folder, "last.train.pth");
        string json = PythonOracle.Run("train_state_check.py", "--weights", last, "--state", state,
            "--model", "u2net-config", "--config", Small4.Config);
        using var doc = JsonDocument.Parse(json);
        var trainer = doc.RootElement.GetProperty("trainer");
        Assert.Equal(TrainingRun.Epochs, trainer.GetProperty("trainer.epoch").GetInt32());
        Assert.Equal(TrainingRun.Epochs * TrainingRun.StepsPerEpoch, trainer.GetProperty("trainer.global_step").GetInt32());
        var keys = doc.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Contains("optimizer.state.0.exp_avg_sq", keys);
        Assert.Equal("torch.int64", doc.RootElement.GetProperty("dtypes").GetProperty("optimizer.state.0.step").GetString());

        // The seed's model on last.pth against TorchSharp's on the same weights and input.
        string folder = RepoPaths.NewTempDirectory("last-forward");
        string input = Path.Combine(folder, "x.npy");
        torch.manual_seed(11);
        using (var x = torch.randn(2, 3, 64, 64))
            Npy.Save(input, x);
        string outDir = Path.Combine(folder, "out");
        PythonOracle.Run("network_forward.py", "--model", "u2net-config", "--config", Small4.Config, "--weights", last,
            "--input", input, "--outdir", outDir, "--mode", "eval", "--dtype", "float32");
        using ISegmentationNetwork network = GeneratedNetworks.Create(TrainingRun.Model);
        StateDicts.Load((torch.nn.Module)network, last);
        ((torch.nn.Module)network).eval();
        using var noGrad = torch.no_grad();
        using Tensor mine = network.Predict(Npy.Load(input));
        using Tensor theirs = Npy.Load(Path.Combine(outDir, "prob.npy"));
        double diff = mine.sub(theirs).abs().max().ToDouble();
        log.WriteLine($"PyTorch on last.pth vs TorchSharp: largest difference {diff:E3}");
        Assert.True(diff <= 1e-4, $"PyTorch on last.pth differs from TorchSharp by {diff:E3}");
    }
}

/// <summary>u2net-small4 as rows for the reference model (tests/Networks.Tests/U2NetEquivalenceTests.cs has the same).</summary>
internal static class Small4
{
    public const string Config =
        """{"encode": [[5,3,16,32,false,false],[4,32,16,64,false,false],[4,64,32,64,true,false],[4,64,32,64,true,true]],""" +
        """ "decode": [[4,128,32,64,true,true],[4,128,16,32,false,false],[5,64,16,32,false,true]], "out_ch": 1}""";
}
