using System;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>Writes numpy's files once per class (tests/oracles/ops_npy.py write).</summary>
public sealed class NpyFiles
{
    public NpyFiles()
    {
        Directory = RepoPaths.NewTempDirectory("npy");
        PythonOracle.Run("ops_npy.py", "write", Directory);
        Entries = File.ReadAllLines(Path.Combine(Directory, "manifest.txt")).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToArray();
    }

    public string Directory { get; }

    /// <summary>name, numpy dtype string, shape ("-" for 0-D).</summary>
    public string[][] Entries { get; }
}

/// <summary>.npy round trips with numpy, bit for bit, and clear errors for bad files.</summary>
public sealed class NpyTests(NpyFiles files) : IClassFixture<NpyFiles>
{
    [Fact]
    public void Reads_numpy_files_bit_exactly()
    {
        Assert.Equal(11, files.Entries.Length);
        using var scope = torch.NewDisposeScope();
        foreach (string[] e in files.Entries)
        {
            Tensor t = Npy.Load(Path.Combine(files.Directory, e[0] + ".npy"));
            long[] shape = e[2] == "-" ? [] : e[2].Split(',').Select(long.Parse).ToArray();
            Assert.Equal(shape, t.shape);
            Assert.Equal(File.ReadAllBytes(Path.Combine(files.Directory, e[0] + ".bin")), t.ToRawBytes());
            ScalarType expected = e[1] switch
            {
                "<f4" => ScalarType.Float32, "<f8" => ScalarType.Float64, "<f2" => ScalarType.Float16, "<i8" => ScalarType.Int64,
                "<i4" => ScalarType.Int32, "|u1" => ScalarType.Byte, "|b1" => ScalarType.Bool, _ => throw new InvalidOperationException(e[1]),
            };
            Assert.Equal(expected, t.dtype);
        }
    }

    [Fact]
    public void Writes_files_numpy_reads_bit_exactly()
    {
        string dir = RepoPaths.NewTempDirectory("npy-cs");
        using (var scope = torch.NewDisposeScope())
        {
            foreach (string[] e in files.Entries)
                Npy.Save(Path.Combine(dir, "cs_" + e[0] + ".npy"), Npy.Load(Path.Combine(files.Directory, e[0] + ".npy")));
        }
        // Point the checker at numpy's originals (it regenerates them from the same seed) and at our files.
        string output = PythonOracle.Run("ops_npy.py", "check", dir);
        Assert.StartsWith("ok 11", output);
    }

    [Fact]
    public void Typed_arrays_round_trip_through_a_file()
    {
        using var scope = torch.NewDisposeScope();
        string dir = RepoPaths.NewTempDirectory("npy-rt");
        var halves = new[] { (Half)1.5, (Half)(-2.25), Half.NaN, (Half)65504 };
        Tensor[] tensors =
        [
            torch.tensor(new[] { 1f, -0f, float.NaN, float.MaxValue, 1e-40f, 3f }, 2, 3),
            torch.tensor(new[] { long.MinValue, long.MaxValue, 0L }),
            torch.tensor(new byte[] { 0, 255, 7, 8 }, 2, 2),
            torch.tensor(new[] { true, false, true }),
            torch.tensor(halves, 2, 2),
        ];
        for (int i = 0; i < tensors.Length; i++)
        {
            string path = Path.Combine(dir, $"t{i}.npy");
            Npy.Save(path, tensors[i]);
            Tensor back = Npy.Load(path);
            Assert.Equal(tensors[i].dtype, back.dtype);
            Assert.Equal(tensors[i].shape, back.shape);
            Assert.Equal(tensors[i].ToRawBytes(), back.ToRawBytes());
        }
        Assert.Equal(new[] { true, false, true }, tensors[3].data<bool>().ToArray());
        Assert.Equal(halves.Select(BitConverter.HalfToInt16Bits), tensors[4].data<Half>().ToArray().Select(BitConverter.HalfToInt16Bits));
    }

    [Theory]
    [InlineData("bad_magic", "magic")]
    [InlineData("truncated_data", "needs 24 data bytes")]
    [InlineData("complex", "'<c8' is not supported")]
    [InlineData("big_endian", "big-endian")]
    [InlineData("bad_shape", "shape")]
    [InlineData("short", "magic")]
    public void Bad_files_fail_with_a_message_naming_the_file(string kind, string expected)
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("npy-bad"), kind + ".npy");
        byte[] good = Npy.Write(torch.zeros(new long[] { 2, 3 }).DetachFromDisposeScope());
        byte[] bytes = kind switch
        {
            "bad_magic" => [.. "PK\u0003\u0004"u8, .. good.Skip(4)],
            "truncated_data" => good[..^5],
            "complex" => Patch(good, "'<f4'", "'<c8'"),
            "big_endian" => Patch(good, "'<f4'", "'>f4'"),
            "bad_shape" => Patch(good, "(2, 3)", "(2, x)"),
            "short" => good[..5],
            _ => throw new ArgumentException(kind),
        };
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InvalidDataException>(() => Npy.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("npy-missing"), "nope.npy");
        var ex = Assert.Throws<FileNotFoundException>(() => Npy.Load(path));
        Assert.Contains(path, ex.Message);
    }

    private static byte[] Patch(byte[] file, string from, string to)
    {
        string text = System.Text.Encoding.Latin1.GetString(file);
        Assert.Contains(from, text);
        return System.Text.Encoding.Latin1.GetBytes(text.Replace(from, to));
    }
}
