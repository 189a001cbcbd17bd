using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Serialization.Tests;

/// <summary>
/// Small files that claim a lot: expanded (stride-0) views, storages that decompress to far more than the model
/// holds, two records with one name. Each is refused before the reader allocates more than the model can use,
/// which the tests bound by the bytes this thread allocates.
/// </summary>
public sealed class HostileCheckpointTests
{
    // What the hostile cases below must stay under, whatever the file claims: the models here hold 16 bytes.
    private const long AllocationBound = 8 << 20;

    private readonly string _dir = RepoPaths.NewTempDirectory("hostile");

    private static readonly IReadOnlyList<(string Key, long[] Shape)> FourFloats = [("w", [4])];

    private string Write(string name, string key, StoredTensor tensor)
    {
        string p = Path.Combine(_dir, name);
        CheckpointWriter.Write(p, [new KeyValuePair<string, StoredTensor>(key, tensor)]);
        return p;
    }

    private static StoredTensor Expanded(long[] shape) =>
        new(new StoredStorage("0", CheckpointDType.Float32, 1, StoredTensors.Bytes(1f)), 0, shape, new long[shape.Length]);

    private static T ThrowsWithin<T>(Action load) where T : Exception
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<T>(load);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationBound, $"refusing took {allocated:N0} bytes of allocations");
        return e;
    }

    [Fact]
    public void An_expanded_view_of_a_one_element_storage_is_refused_by_shape_before_anything_is_materialised()
    {
        // 2^17 x 2^17 floats (64 GiB) viewed from one 4-byte storage: a file of a few hundred bytes.
        string p = Write("expanded.pth", "w", Expanded([1L << 17, 1L << 17]));
        Assert.True(new FileInfo(p).Length < 2048);
        var e = ThrowsWithin<StateDictMismatchException>(() => TorchCheckpoint.Load(p, FourFloats));
        Assert.Contains("size mismatch for w: copying a param with shape [131072, 131072] from checkpoint, the shape in current model is [4]", e.Message);
    }

    [Fact]
    public void An_expanded_view_loaded_without_a_model_is_refused_as_too_large_not_an_OverflowException()
    {
        // 2^31 elements: more than one array holds; unchecked, the byte count overflowed into an OverflowException.
        string p = Write("expanded-nomodel.pth", "w", Expanded([1L << 16, 1L << 15]));
        var e = ThrowsWithin<InvalidDataException>(() => TorchCheckpoint.Load(p));
        Assert.StartsWith(p + ": entry 'w': tensor of size [65536, 32768]", e.Message);
        Assert.Contains("larger than one array can hold", e.Message);
    }

    [Fact]
    public void An_expanded_view_with_the_models_shape_loads_as_the_repeated_value()
    {
        // The same trick within the model's size is legal PyTorch (torch.save of an expanded tensor) and costs only the model's bytes.
        string p = Write("expanded-fits.pth", "w", Expanded([4]));
        var sd = TorchCheckpoint.Load(p, FourFloats);
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, sd["w"].data<float>().ToArray());
    }

    [Fact]
    public void A_storage_that_decompresses_past_what_the_model_reads_is_refused_before_it_is_inflated()
    {
        // 'w' views 4 floats of a 1 MiB storage, deflated to about a kilobyte: the reader would inflate all of it.
        var big = new StoredStorage("0", CheckpointDType.Float32, 1 << 18, new byte[4 << 18]);
        string plain = Write("bomb-src.pth", "w", new StoredTensor(big, 0, [4], [1]));
        string p = Path.Combine(_dir, "bomb.pth");
        Recompress(plain, p);
        Assert.True(new FileInfo(p).Length < 8192, $"{new FileInfo(p).Length} bytes");
        var e = ThrowsWithin<InvalidDataException>(() => TorchCheckpoint.Load(p, FourFloats));
        Assert.Equal($"{p}: storage record 'archive/data/0' would decompress to 1,048,576 bytes, more than the 16 bytes of the tensors read from this file", e.Message);
        // Without a model the budget is what the file's own tensors view: the same 16 bytes.
        ThrowsWithin<InvalidDataException>(() => TorchCheckpoint.Load(p));
    }

    [Fact]
    public void Two_records_with_one_name_are_refused()
    {
        // Python's zipfile reads the last of two same-named records, ZipArchive the first: the file means two different things.
        string src = Write("dup-src.pth", "w", StoredTensors.Contiguous(CheckpointDType.Float32, [4], 1f, 2f, 3f, 4f));
        string p = Path.Combine(_dir, "dup.pth");
        using (var input = ZipFile.OpenRead(src))
        using (var output = ZipFile.Open(p, ZipArchiveMode.Create))
        {
            foreach (ZipArchiveEntry e in input.Entries.Concat(input.Entries.Where(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal))))
            {
                using Stream from = e.Open(), to = output.CreateEntry(e.FullName, CompressionLevel.NoCompression).Open();
                from.CopyTo(to);
            }
        }
        var error = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.Load(p));
        Assert.Equal($"{p}: zip holds 2 records named 'archive/data.pkl'; a checkpoint names each record once", error.Message);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(300)]
    [InlineData(-22)]
    public void A_truncated_checkpoint_says_so(int cut)
    {
        byte[] whole = File.ReadAllBytes(OracleFiles.TensorsPth);
        string p = Path.Combine(_dir, $"cut{cut}.pth");
        File.WriteAllBytes(p, whole[..(cut > 0 ? cut : whole.Length + cut)]);
        var e = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.Load(p));
        Assert.Equal($"{p}: file is truncated or not a PyTorch checkpoint (it starts like a zip archive but its central directory is missing or damaged)", e.Message);
    }

    [Fact]
    public void A_storage_record_longer_than_declared_is_refused()
    {
        string src = Write("long-src.pth", "w", StoredTensors.Contiguous(CheckpointDType.Float32, [4], 1f, 2f, 3f, 4f));
        string p = Path.Combine(_dir, "long.pth");
        ZipSurgery.Rewrite(src, p, (name, data) => name.EndsWith("/data/0", StringComparison.Ordinal) ? data.Concat(new byte[1 << 20]).ToArray() : data);
        var e = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.Load(p, FourFloats));
        Assert.Contains("storage record 'archive/data/0' has 1048592 bytes but the pickle declares 4 Float32 elements (16 bytes)", e.Message);
    }

    // Copies a checkpoint with its storage records deflated (torch.save stores them; any zip writer may compress).
    private static void Recompress(string source, string target)
    {
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (ZipArchiveEntry e in input.Entries)
        {
            var level = e.FullName.Contains("/data/", StringComparison.Ordinal) ? CompressionLevel.SmallestSize : CompressionLevel.NoCompression;
            using Stream from = e.Open(), to = output.CreateEntry(e.FullName, level).Open();
            from.CopyTo(to);
        }
    }
}
