using System.Collections.Generic;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Xunit;

namespace Segment.Serialization.Tests;

/// <summary>Files written by PyTorch's torch.save load in C# with the same keys, order, dtypes, shapes and bits.</summary>
public class TorchWrittenCheckpointTests
{
    public static TheoryData<string> Files => new() { "tensors", "tensors_p4", "tensors_legacy", "model", "train_checkpoint", "train_checkpoint_legacy" };

    private static (string Pth, List<DumpEntry> Dump) Case(string name) => name switch
    {
        "tensors" => (OracleFiles.TensorsPth, CheckpointDump.Read(OracleFiles.TensorsFolder)),
        "tensors_p4" => (OracleFiles.TensorsP4Pth, CheckpointDump.Read(OracleFiles.TensorsFolder)),
        // The legacy format (PyTorch before 1.6, as the official U²-Net weights are published): the same tensors.
        "tensors_legacy" => (OracleFiles.TensorsLegacyPth, CheckpointDump.Read(OracleFiles.TensorsFolder)),
        "train_checkpoint_legacy" => (OracleFiles.TrainCheckpointLegacyPth, CheckpointDump.Read(OracleFiles.ModelFolder)),
        // The seeds' training scripts save {'model': state_dict, 'optimizer': ..., 'epoch': ...}: the state dict is read from 'model'.
        "train_checkpoint" => (OracleFiles.TrainCheckpointPth, CheckpointDump.Read(OracleFiles.ModelFolder)),
        _ => (OracleFiles.ModelPth, CheckpointDump.Read(OracleFiles.ModelFolder)),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Reader_MatchesTheDumpPythonWrote(string name)
    {
        var (pth, dump) = Case(name);
        var loaded = CheckpointReader.ReadStateDict(pth);

        Assert.Equal(dump.Select(d => d.Key), loaded.Select(kv => kv.Key));
        foreach (var (d, (key, t)) in dump.Zip(loaded))
        {
            Assert.True(d.DType == CheckpointDump.PythonName(t.DType), $"{key}: {t.DType} vs {d.DType}");
            Assert.True(d.Shape.SequenceEqual(t.Shape), $"{key}: shape [{string.Join(",", t.Shape)}] vs [{string.Join(",", d.Shape)}]");
            Assert.True(d.Bytes.SequenceEqual(t.ToContiguousBytes()), $"{key}: bytes differ");
            if (d.Offset is long offset)
            {
                Assert.Equal(offset, t.StorageOffset);
                Assert.Equal(d.Stride, t.Strides);
            }
        }
    }

    [Fact]
    public void Reader_KeepsViewsOnTheirSharedStorage()
    {
        var loaded = CheckpointReader.ReadStateDict(OracleFiles.TensorsPth).ToDictionary(kv => kv.Key, kv => kv.Value);

        // base, base[1:] and base[:, 2] are one storage in the file; each is a view on that one record.
        Assert.Same(loaded["base"].Storage, loaded["base_tail"].Storage);
        Assert.Same(loaded["base"].Storage, loaded["base_col"].Storage);
        Assert.Equal(6, loaded["base_tail"].StorageOffset);
        Assert.Equal(new long[] { 6 }, loaded["base_col"].Strides);
        Assert.False(loaded["grid_t"].IsContiguous);
        Assert.Empty(loaded["num_batches_tracked"].Shape);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TorchCheckpointLoad_GivesTensorsEqualToTheDump(string name)
    {
        var (pth, dump) = Case(name);
        using var scope = torch.NewDisposeScope();
        IReadOnlyDictionary<string, Tensor> loaded = TorchCheckpoint.Load(pth);

        Assert.Equal(dump.Select(d => d.Key), loaded.Keys);
        foreach (DumpEntry d in dump)
        {
            Tensor t = loaded[d.Key];
            Assert.True(d.DType == CheckpointDump.PythonName(DTypeOf(t.dtype)), $"{d.Key}: {t.dtype} vs {d.DType}");
            Assert.True(d.Shape.SequenceEqual(t.shape), $"{d.Key}: shape differs");
            Assert.True(d.Bytes.SequenceEqual(t.ToRawBytes()), $"{d.Key}: bytes differ");
            Assert.False(t.requires_grad);
        }
    }

    private static CheckpointDType DTypeOf(ScalarType t) => t switch
    {
        ScalarType.Float32 => CheckpointDType.Float32,
        ScalarType.Float16 => CheckpointDType.Float16,
        ScalarType.Float64 => CheckpointDType.Float64,
        ScalarType.Int64 => CheckpointDType.Int64,
        ScalarType.Int32 => CheckpointDType.Int32,
        ScalarType.Byte => CheckpointDType.UInt8,
        ScalarType.Bool => CheckpointDType.Bool,
        _ => throw new System.ArgumentOutOfRangeException(nameof(t)),
    };
}
