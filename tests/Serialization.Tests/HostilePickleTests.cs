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
/// Checkpoints of a few hundred KB whose pickle or records would take gigabytes: one opcode repeated past the stack,
/// the memo or the value bound, a pickle or byteorder record deflated from hundreds of MB, a record whose directory
/// claims more than deflate can expand. The generator draws the counts from a seed; each load is refused with an
/// <see cref="InvalidDataException"/> naming the file, within a bound on the bytes this thread allocates.
/// </summary>
public sealed class HostilePickleTests
{
    private const long AllocationBound = 400L << 20;
    private readonly string _dir = RepoPaths.NewTempDirectory("hostile-pickles");

    /// <summary>Writes a zip checkpoint: {archive}/data.pkl is <paramref name="head"/> then <paramref name="unit"/> x <paramref name="count"/>, deflated.</summary>
    private string Archive(string name, byte[] head, byte[] unit, long count, string record = "data.pkl", byte[]? pickle = null)
    {
        string path = Path.Combine(_dir, name);
        using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        {
            if (pickle is not null)
                using (Stream s = zip.CreateEntry("archive/data.pkl", CompressionLevel.SmallestSize).Open())
                    s.Write(pickle);
            using Stream big = zip.CreateEntry("archive/" + record, CompressionLevel.SmallestSize).Open();
            big.Write(head);
            byte[] block = Enumerable.Range(0, 1 << 16).SelectMany(_ => unit).ToArray();
            long written = 0;
            for (; written + (1 << 16) <= count; written += 1 << 16)
                big.Write(block);
            for (; written < count; written++)
                big.Write(unit);
        }
        return path;
    }

    public static IEnumerable<object[]> Floods()
    {
        var random = new Random(19);
        CheckpointLimits l = CheckpointLimits.Default;
        for (int i = 0; i < 2; i++)
        {
            yield return ["none", new byte[] { 0x80, 2 }, new byte[] { (byte)'N' }, (long)l.MaxStack + random.Next(1, 1_000_000), "stack holds"];
            yield return ["dup", new byte[] { 0x80, 2, (byte)'N' }, new byte[] { (byte)'2' }, (long)l.MaxStack + random.Next(1, 1_000_000), "stack holds"];
            yield return ["memo", new byte[] { 0x80, 2 }, new byte[] { (byte)'N', 0x94, (byte)'0' }, (long)l.MaxMemo + random.Next(1, 1_000_000), "memo holds"];
            yield return ["append", new byte[] { 0x80, 2, (byte)']' }, new byte[] { (byte)'}', (byte)'a' }, l.MaxValues + random.Next(1, 1_000_000), "creates more than"];
            yield return ["oversized", new byte[] { 0x80, 2 }, new byte[] { (byte)'N', (byte)'0' }, l.MaxPickleBytes / 2 + random.Next(1, 1 << 20), "allowed for the pickle"];
        }
    }

    [Theory]
    [MemberData(nameof(Floods))]
    public void A_pickle_flooding_the_stack_memo_or_values_is_refused_within_a_bounded_allocation(string kind, byte[] head, byte[] unit, long count, string says)
    {
        string path = Archive($"{kind}-{count}.pth", head, unit, count);
        Assert.True(new FileInfo(path).Length < 1 << 20, "the generator writes small files");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.ReadObject(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(says, e.Message);
        Assert.True(allocated < AllocationBound, $"{kind} x {count:N0}: allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(300_000_000)]
    public void A_byteorder_record_inflating_past_its_cap_is_refused_before_it_is_inflated(long bytes)
    {
        string path = Archive($"byteorder-{bytes}.pth", [], [(byte)'l'], bytes, "byteorder", pickle: [0x80, 2, (byte)'}', (byte)'.']);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.ReadStateDict(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains($"record 'archive/byteorder' would decompress to {bytes:N0} bytes, more than the {CheckpointLimits.Default.MaxMetadataBytes:N0} allowed", e.Message);
    }

    [Fact]
    public void A_record_claiming_more_than_deflate_can_expand_is_refused()
    {
        // A real checkpoint, then its central directory's uncompressed size of data.pkl raised (the local header too).
        string path = Path.Combine(_dir, "claims.pth");
        CheckpointWriter.Write(path, [new KeyValuePair<string, StoredTensor>("w", new StoredTensor(new StoredStorage("0", CheckpointDType.Float32, 1, StoredTensors.Bytes(1f)), 0, [1], [1]))]);
        byte[] bytes = File.ReadAllBytes(path);
        int patched = 0;
        for (int at = 0; at + 46 < bytes.Length; at++)
        {
            bool central = bytes[at] == 'P' && bytes[at + 1] == 'K' && bytes[at + 2] == 1 && bytes[at + 3] == 2;
            bool local = bytes[at] == 'P' && bytes[at + 1] == 'K' && bytes[at + 2] == 3 && bytes[at + 3] == 4;
            int nameAt = central ? at + 46 : at + 30, sizeAt = central ? at + 24 : at + 22;
            if ((central || local) && System.Text.Encoding.ASCII.GetString(bytes, nameAt, Math.Min(40, bytes.Length - nameAt)).Contains("data.pkl"))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(sizeAt), 50_000_000u);
                patched++;
            }
        }
        Assert.Equal(2, patched);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.ReadStateDict(path));
        Assert.Contains("claims 50,000,000 bytes from", e.Message);
        Assert.Contains("more than deflate can expand", e.Message);
    }
}
