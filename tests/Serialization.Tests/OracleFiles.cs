using System;
using System.IO;
using System.Text.Json;
using Segment.TestSupport;

namespace Segment.Serialization.Tests;

/// <summary>Checkpoints written once per test run by tests/oracles/checkpoint_write.py (torch.save), with their dumps.</summary>
internal static class OracleFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        string dir = RepoPaths.NewTempDirectory("torch-written");
        PythonOracle.Run("checkpoint_write.py", dir);
        return dir;
    });

    public static string TensorsFolder => Path.Combine(Root.Value, "tensors");

    public static string TensorsPth => Path.Combine(TensorsFolder, "tensors.pth");

    public static string TensorsP4Pth => Path.Combine(TensorsFolder, "tensors_p4.pth");

    /// <summary>The same tensors in the legacy torch.save format (PyTorch before 1.6).</summary>
    public static string TensorsLegacyPth => Path.Combine(TensorsFolder, "tensors_legacy.pth");

    /// <summary>The training checkpoint in the legacy format.</summary>
    public static string TrainCheckpointLegacyPth => Path.Combine(ModelFolder, "train_checkpoint_legacy.pth");

    public static string ModelFolder => Path.Combine(Root.Value, "model");

    public static string ModelPth => Path.Combine(ModelFolder, "model.pth");

    /// <summary>model.pth's state dict under 'model' of a seed-style training checkpoint (with optimizer state, epoch, args).</summary>
    public static string TrainCheckpointPth => Path.Combine(ModelFolder, "train_checkpoint.pth");

    /// <summary>Runs checkpoint_check.py (torch.load) on a C#-written file and returns its JSON report.</summary>
    public static JsonElement Check(string pth, string dumpFolder, bool model = false)
    {
        string json = model
            ? PythonOracle.Run("checkpoint_check.py", pth, dumpFolder, "--model")
            : PythonOracle.Run("checkpoint_check.py", pth, dumpFolder);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
