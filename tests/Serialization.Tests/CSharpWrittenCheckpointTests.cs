using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Serialization.Tests;

/// <summary>Files written by C# load in PyTorch (torch.load, load_state_dict) bit-exact, laid out as torch.save lays them out.</summary>
public class CSharpWrittenCheckpointTests
{
    private static void AssertTorchAccepts(JsonElement report, IEnumerable<string> keys)
    {
        Assert.Empty(report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("OrderedDict", report.GetProperty("type").GetString());
        Assert.Equal(keys, report.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.True(report.GetProperty("stored").GetBoolean(), "records must be STORED");
        Assert.True(report.GetProperty("aligned").GetBoolean(), "record data must start on 64-byte boundaries");
        Assert.Equal("3\n", report.GetProperty("version").GetString());
        Assert.True(report.GetProperty("pickle_identical").GetBoolean(), "data.pkl differs from what torch.save writes for the same dict");
    }

    [Fact]
    public void EdgeCases_LoadInTorchBitExactWithViewsKept()
    {
        string dir = RepoPaths.NewTempDirectory("cs-written");
        var items = StoredTensors.EdgeCases();
        CheckpointDump.Write(Path.Combine(dir, "dump"), items, StoredTensors.ViewKeys);
        string pth = Path.Combine(dir, "edge.pth");
        CheckpointWriter.Write(pth, items);

        JsonElement report = OracleFiles.Check(pth, Path.Combine(dir, "dump"));
        AssertTorchAccepts(report, items.Select(kv => kv.Key));
        // One storage shared by the four grid views, plus one per other tensor, in torch's record order.
        var records = report.GetProperty("records").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal("archive/data.pkl", records[0]);
        Assert.Equal("archive/version", records[^1]);
        Assert.Equal(new[] { "0", "1", "10", "2", "3", "4", "5", "6", "7", "8", "9" }, records.Skip(1).SkipLast(1).Select(r => r!["archive/data/".Length..]));
    }

    [Fact]
    public void TorchModelStateDict_RoundTripsThroughTheNeutralLayer_AndLoadsIntoTheModel()
    {
        string dir = RepoPaths.NewTempDirectory("cs-model");
        var sd = CheckpointReader.ReadStateDict(OracleFiles.ModelPth);
        string pth = Path.Combine(dir, "model.pth");
        CheckpointWriter.Write(pth, sd);

        JsonElement report = OracleFiles.Check(pth, OracleFiles.ModelFolder, model: true);
        AssertTorchAccepts(report, sd.Select(kv => kv.Key));
        Assert.True(report.GetProperty("model_loaded").GetBoolean());
    }

    [Fact]
    public void ManyEntries_UseTorchsBatchingAndLongMemo()
    {
        // 1100 entries: SETITEMS batches of 1000 and memo indices past 255 (LONG_BINPUT / LONG_BINGET).
        string dir = RepoPaths.NewTempDirectory("cs-many");
        var items = Enumerable.Range(0, 1100)
            .Select(i => new KeyValuePair<string, StoredTensor>($"layer{i}.weight", StoredTensors.Contiguous(CheckpointDType.Float32, new long[] { 1 }, (float)i)))
            .ToList();
        CheckpointDump.Write(Path.Combine(dir, "dump"), items);
        string pth = Path.Combine(dir, "many.pth");
        CheckpointWriter.Write(pth, items);

        JsonElement report = OracleFiles.Check(pth, Path.Combine(dir, "dump"));
        AssertTorchAccepts(report, items.Select(kv => kv.Key));
        var back = CheckpointReader.ReadStateDict(pth);
        Assert.Equal(items.Select(kv => kv.Key), back.Select(kv => kv.Key));
        Assert.Equal(StoredTensors.Bytes(1099f), back[^1].Value.ToContiguousBytes());
    }

    [Fact]
    public void EmptyStateDict_LoadsInTorchAndBack()
    {
        string dir = RepoPaths.NewTempDirectory("cs-empty");
        var items = new List<KeyValuePair<string, StoredTensor>>();
        CheckpointDump.Write(Path.Combine(dir, "dump"), items);
        string pth = Path.Combine(dir, "empty.pth");
        CheckpointWriter.Write(pth, items);

        AssertTorchAccepts(OracleFiles.Check(pth, Path.Combine(dir, "dump")), items.Select(kv => kv.Key));
        Assert.Empty(CheckpointReader.ReadStateDict(pth));
    }

    [Fact]
    public void TorchCheckpointSave_WritesRuntimeTensorsTorchLoadsBitExact()
    {
        string dir = RepoPaths.NewTempDirectory("cs-tensors");
        // The reference values: the edge cases materialised; the runtime tensors are made from them,
        // and grid_t is made by permuting a tensor so Save meets a genuinely non-contiguous one.
        var expected = StoredTensors.EdgeCases();
        using var scope = torch.NewDisposeScope();
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, t) in expected)
        {
            Tensor x = key == "grid_t"
                ? TensorBytes.FromRaw(expected.Single(kv => kv.Key == "grid").Value.ToContiguousBytes(), ScalarType.Float32, new long[] { 4, 6 }).permute(1, 0)
                : TensorBytes.FromRaw(t.ToContiguousBytes(), TorchCheckpoint.ToScalarType(t.DType)!.Value, t.Shape);
            tensors.Add(new(key, x));
        }
        Assert.False(tensors.Single(kv => kv.Key == "grid_t").Value.is_contiguous());
        CheckpointDump.Write(Path.Combine(dir, "dump"), expected);
        string pth = Path.Combine(dir, "runtime.pth");
        TorchCheckpoint.Save(pth, tensors);

        JsonElement report = OracleFiles.Check(pth, Path.Combine(dir, "dump"));
        AssertTorchAccepts(report, expected.Select(kv => kv.Key));
    }

    [Fact]
    public void TorchCheckpoint_LoadThenSave_OfATorchModel_LoadsIntoTheModel()
    {
        string dir = RepoPaths.NewTempDirectory("cs-rt-model");
        using var scope = torch.NewDisposeScope();
        var sd = TorchCheckpoint.Load(OracleFiles.ModelPth);
        string pth = Path.Combine(dir, "model.pth");
        TorchCheckpoint.Save(pth, sd);

        JsonElement report = OracleFiles.Check(pth, OracleFiles.ModelFolder, model: true);
        AssertTorchAccepts(report, sd.Keys);
        Assert.True(report.GetProperty("model_loaded").GetBoolean());
    }

    [Fact]
    public void SameTensorTwice_IsStoredOnce()
    {
        string dir = RepoPaths.NewTempDirectory("cs-shared");
        using var scope = torch.NewDisposeScope();
        Tensor w = torch.tensor(new float[] { 1, 2, 3 });
        string pth = Path.Combine(dir, "tied.pth");
        TorchCheckpoint.Save(pth, new[] { new KeyValuePair<string, Tensor>("a", w), new("b", w) });

        var back = CheckpointReader.ReadStateDict(pth);
        Assert.Same(back[0].Value.Storage, back[1].Value.Storage);
    }

    [Fact]
    public void Save_ReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        string dir = RepoPaths.NewTempDirectory("cs-atomic");
        string pth = Path.Combine(dir, "ckpt.pth");
        File.WriteAllText(pth, "previous contents");
        var items = StoredTensors.EdgeCases();
        CheckpointWriter.Write(pth, items);

        Assert.Equal(new[] { pth }, Directory.GetFiles(dir));
        Assert.Equal(items.Select(kv => kv.Key), CheckpointReader.ReadStateDict(pth).Select(kv => kv.Key));
    }

    [Fact]
    public void Save_ThatFailsAtTheRename_RemovesItsTemporaryFile()
    {
        // A folder where the file should go makes the final rename fail after the whole archive was written.
        string dir = RepoPaths.NewTempDirectory("cs-fail");
        string target = Path.Combine(dir, "ckpt.pth");
        Directory.CreateDirectory(target);

        Assert.ThrowsAny<IOException>(() => CheckpointWriter.Write(target, StoredTensors.EdgeCases()));
        Assert.Empty(Directory.GetFiles(dir));
        Assert.True(Directory.Exists(target));
    }
}
