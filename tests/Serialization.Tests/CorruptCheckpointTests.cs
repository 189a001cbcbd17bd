using System;
using System.IO;
using System.Linq;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Serialization.Tests;

/// <summary>Damaged or hostile files fail with an InvalidDataException that names the file and the problem; nothing else escapes.</summary>
public class CorruptCheckpointTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("corrupt");

    private string Path_(string name) => Path.Combine(_dir, name);

    private static InvalidDataException AssertRejected(string path, string expectedProblem)
    {
        // TorchCheckpoint.Load is the public entry; it reads and checks everything before making any tensor.
        var e = Assert.Throws<InvalidDataException>(() => TorchCheckpoint.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        // Errors raised deep in the pickle or zip layer are wrapped once, not once per layer.
        Assert.Equal(e.Message.IndexOf(path, StringComparison.Ordinal), e.Message.LastIndexOf(path, StringComparison.Ordinal));
        Assert.Contains(expectedProblem, e.Message);
        Assert.Equal(path, e.Data[CheckpointErrors.PathKey]);
        return e;
    }

    /// <summary>A small valid checkpoint written by the C# writer (three tensors, one storage each).</summary>
    private string SmallCheckpoint(string name = "small.pth")
    {
        string p = Path_(name);
        CheckpointWriter.Write(p, StoredTensors.EdgeCases().Take(3));
        return p;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(300)]
    [InlineData(-200)]
    [InlineData(-22)]
    [InlineData(-1)]
    public void TruncatedFile_IsRejected(int cut)
    {
        byte[] whole = File.ReadAllBytes(OracleFiles.TensorsPth);
        string p = Path_($"cut{cut}.pth");
        File.WriteAllBytes(p, whole[..(cut > 0 ? cut : whole.Length + cut)]);
        AssertRejected(p, cut == 1 || cut == 3 ? "not a zip archive" : "");
    }

    [Fact]
    public void EmptyFile_IsRejected() => AssertRejected(WriteBytes("empty.pth", Array.Empty<byte>()), "file is empty");

    [Fact]
    public void GarbageBytes_AreRejected()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        AssertRejected(WriteBytes("garbage.pth", bytes), "not a zip archive");
    }

    [Fact]
    public void ZipWithGarbageAfterTheMagic_IsRejected()
    {
        var bytes = new byte[4096];
        new Random(8).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);
        AssertRejected(WriteBytes("pkgarbage.pth", bytes), "");
    }

    [Fact]
    public void TruncatedLegacyMagic_IsRejected() =>
        AssertRejected(WriteBytes("legacy.pth", new byte[] { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc }), "not a torch.save checkpoint");

    [Fact]
    public void LegacyCheckpointCutInItsStorages_IsRejectedAsTruncated()
    {
        byte[] whole = File.ReadAllBytes(OracleFiles.TensorsLegacyPth);
        AssertRejected(WriteBytes("legacy-cut.pth", whole[..(whole.Length - 5)]), "truncated");
    }

    [Fact]
    public void APlainPickleThatIsNotACheckpoint_IsRejected() =>
        // pickle.dumps({'a': 1}, protocol=2)
        AssertRejected(WriteBytes("plain.pkl", Convert.FromHexString("80027D710058010000006171014B01732E")), "not a torch.save checkpoint");

    [Fact]
    public void ZipWithoutDataPkl_IsRejected()
    {
        string p = Path_("nopkl.pth");
        ZipSurgery.Rewrite(OracleFiles.ModelPth, p, (name, data) => name.EndsWith("data.pkl", StringComparison.Ordinal) ? null : data);
        AssertRejected(p, "no {archive}/data.pkl record");
    }

    [Fact]
    public void MissingStorageRecord_IsRejected()
    {
        string p = Path_("nostorage.pth");
        ZipSurgery.Rewrite(OracleFiles.ModelPth, p, (name, data) => name == "model/data/3" ? null : data);
        AssertRejected(p, "storage record 'model/data/3' is missing");
    }

    [Fact]
    public void StorageShorterThanDeclared_IsRejected()
    {
        // model/data/0 is conv 0's weight: 4*3*3*3 floats = 432 bytes; drop the last element.
        string p = Path_("short.pth");
        ZipSurgery.Rewrite(OracleFiles.ModelPth, p, (name, data) => name == "model/data/0" ? data[..^4] : data);
        AssertRejected(p, "storage record 'model/data/0' has 428 bytes but the pickle declares 108 Float32 elements (432 bytes)");
    }

    [Fact]
    public void ViewPastTheEndOfItsStorage_IsRejected()
    {
        // A 1-D tensor of 3 elements: its size tuple is pickled as BININT1 3, TUPLE1; make it 4.
        string src = Path_("view-src.pth");
        CheckpointWriter.Write(src, new[] { new System.Collections.Generic.KeyValuePair<string, StoredTensor>("v", StoredTensors.Contiguous(CheckpointDType.Float32, new long[] { 3 }, 1f, 2f, 3f)) });
        string p = Path_("view.pth");
        ZipSurgery.Rewrite(src, p, (name, data) =>
        {
            if (!name.EndsWith("data.pkl", StringComparison.Ordinal))
                return data;
            int at = ZipSurgery.IndexOf(data, new byte[] { 0x4b, 0x03, 0x85 });
            Assert.True(at > 0);
            data[at + 1] = 4;
            return data;
        });
        AssertRejected(p, "needs element 3 but storage '0' has 3 elements");
    }

    [Fact]
    public void StorageSizeWhoseByteCountOverflows_IsRejected()
    {
        // Storage numel and tensor size both 2^62: 2^62 float32 elements wrap to 0 bytes unchecked,
        // which passed the record-size check and then escaped as an OverflowException.
        string src = Path_("huge-src.pth");
        CheckpointWriter.Write(src, new[] { new System.Collections.Generic.KeyValuePair<string, StoredTensor>("v", StoredTensors.Contiguous(CheckpointDType.Float32, new long[] { 3 }, 1f, 2f, 3f)) });
        string p = Path_("huge.pth");
        byte[] long1 = { 0x8a, 0x08, 0, 0, 0, 0, 0, 0, 0, 0x40 }; // LONG1 2^62
        ZipSurgery.Rewrite(src, p, (name, data) =>
        {
            if (!name.EndsWith("data.pkl", StringComparison.Ordinal))
                return data;
            foreach (byte closer in new byte[] { 0x74, 0x85 }) // the persistent id's numel, then the size tuple
            {
                int at = ZipSurgery.IndexOf(data, new byte[] { 0x4b, 0x03, closer });
                Assert.True(at > 0);
                data = data[..at].Concat(long1).Concat(data[(at + 2)..]).ToArray();
            }
            return data;
        });
        AssertRejected(p, "declares 4611686018427387904 Float32 elements");
    }

    [Fact]
    public void FlippedByteInsideAStorage_FailsTheCrcCheck()
    {
        string p = SmallCheckpoint();
        byte[] bytes = File.ReadAllBytes(p);
        // The first storage's data: the f32 tensor's bytes, found by value.
        int at = ZipSurgery.IndexOf(bytes, StoredTensors.Bytes(1.5f, -2.25f));
        Assert.True(at > 0);
        bytes[at] ^= 0x01;
        File.WriteAllBytes(p, bytes);
        AssertRejected(p, "record 'archive/data/0' fails its CRC check");
    }

    [Fact]
    public void ForbiddenGlobal_IsRefusedAndNeverRun()
    {
        string marker = Path_("pwned");
        byte[] pickle = ZipSurgery.Pickle(new byte[] { 0x80, 0x02 }, "cos\nsystem\n", ZipSurgery.Str("touch " + marker), new byte[] { 0x85, (byte)'R', (byte)'.' });
        string p = Path_("evil.pth");
        ZipSurgery.WritePickleOnly(p, pickle);

        AssertRejected(p, "global 'os.system' is not allowed");
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void ForbiddenGlobalThroughStackGlobal_IsRefused()
    {
        byte[] pickle = ZipSurgery.Pickle(new byte[] { 0x80, 0x04 }, ZipSurgery.Str("builtins"), ZipSurgery.Str("eval"), new byte[] { 0x93, (byte)'.' });
        string p = Path_("evil4.pth");
        ZipSurgery.WritePickleOnly(p, pickle);
        AssertRejected(p, "global 'builtins.eval' is not allowed");
    }

    [Fact]
    public void UnknownOpcode_IsRejectedWithItsOffset()
    {
        // 'i' (INST) instantiates arbitrary classes in protocol 0; torch never writes it.
        string p = Path_("inst.pth");
        ZipSurgery.WritePickleOnly(p, ZipSurgery.Pickle(new byte[] { 0x80, 0x02 }, "ios\nsystem\n."));
        AssertRejected(p, "unsupported pickle opcode 'i' (opcode 0x69 at byte 2)");
    }

    [Fact]
    public void TruncatedPickle_IsRejected()
    {
        string p = Path_("cutpkl.pth");
        ZipSurgery.Rewrite(OracleFiles.ModelPth, p, (name, data) => name.EndsWith("data.pkl", StringComparison.Ordinal) ? data[..(data.Length / 2)] : data);
        AssertRejected(p, "data.pkl");
    }

    [Fact]
    public void NonTensorEntry_IsRejectedNamingTheKey()
    {
        // {'epoch': 3}: a training checkpoint rather than a state dict.
        string p = Path_("epoch.pth");
        ZipSurgery.WritePickleOnly(p, ZipSurgery.Pickle(new byte[] { 0x80, 0x02, (byte)'}' }, ZipSurgery.Str("epoch"), new byte[] { (byte)'K', 3, (byte)'s', (byte)'.' }));
        AssertRejected(p, "entry 'epoch' is a int, not a tensor");
    }

    [Fact]
    public void EveryFlippedByte_EitherLoadsOrFailsCleanly()
    {
        // A bit flip anywhere in the file: harmless fields (dates, padding) still load; everything
        // else must be an InvalidDataException naming the file, never a crash or another exception type.
        byte[] original = File.ReadAllBytes(SmallCheckpoint("fuzz-src.pth"));
        string p = Path_("fuzz.pth");
        int rejected = 0;
        for (int i = 0; i < original.Length; i++)
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[i] ^= 0x5A;
            File.WriteAllBytes(p, bytes);
            try
            {
                var sd = CheckpointReader.ReadStateDict(p);
                foreach (var (_, t) in sd)
                    t.ToContiguousBytes();
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith(p + ": ", e.Message);
                rejected++;
            }
        }
        // Most bytes matter: the pickle and storages are CRC-protected, the headers are parsed.
        Assert.True(rejected > original.Length / 2, $"only {rejected} of {original.Length} flips were detected");
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string p = Path_(name);
        File.WriteAllBytes(p, bytes);
        return p;
    }
}
