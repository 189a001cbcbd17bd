using System;
using System.IO;
using System.Text;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>Hostile .npy files end in one <see cref="InvalidDataException"/> or <see cref="IOException"/> naming the file, never an OverflowException.</summary>
public sealed class NpyFaultTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("npy-faults");

    private string WriteV1(string name, string dict)
    {
        string header = dict + "\n";
        var bytes = new byte[10 + header.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        bytes[8] = (byte)(header.Length & 0xFF);
        bytes[9] = (byte)(header.Length >> 8);
        Encoding.Latin1.GetBytes(header).CopyTo(bytes, 10);
        string p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public void A_shape_whose_product_overflows_is_a_clear_error()
    {
        string p = WriteV1("overflow.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }");
        var e = Assert.Throws<InvalidDataException>(() => Npy.Load(p));
        Assert.Equal($"{p}: not a valid .npy file: shape [4294967296, 4294967296, 4] has more elements than any file can hold", e.Message);
    }

    [Fact]
    public void A_v2_header_length_of_0xFFFFFFFF_is_a_clear_error()
    {
        var bytes = new byte[64];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 2;
        BitConverter.GetBytes(0xFFFFFFFFu).CopyTo(bytes, 8);
        string p = Path.Combine(_dir, "v2.npy");
        File.WriteAllBytes(p, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Npy.Load(p));
        Assert.Equal($"{p}: not a valid .npy file: the header claims 4294967295 bytes but the file has 64", e.Message);
    }

    [Fact]
    public void A_file_over_2_GiB_is_refused_by_name_before_it_is_read()
    {
        string p = Path.Combine(_dir, "huge.npy");
        using (var f = new FileStream(p, FileMode.CreateNew))
            f.SetLength(2_260_000_000);   // sparse: no disk is used
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<IOException>(() => Npy.Load(p));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Equal($"{p}: the .npy file is 2,260,000,000 bytes; arrays over {Array.MaxLength:N0} bytes (2 GiB) are not supported", e.Message);
    }

    [Fact]
    public void A_device_is_refused_instead_of_read_until_memory_runs_out()
    {
        var e = Assert.Throws<IOException>(() => Npy.Load("/dev/zero"));
        Assert.Equal(".npy '/dev/zero' is a character device, not a regular file", e.Message);
    }

    [Fact]
    public void A_missing_file_names_itself()
    {
        string p = Path.Combine(_dir, "absent.npy");
        var e = Assert.Throws<FileNotFoundException>(() => Npy.Load(p));
        Assert.Equal($".npy file '{p}' does not exist", e.Message);
    }
}
