using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Segment.Serialization.Tests;

/// <summary>Builds damaged checkpoints: valid zips whose records were removed, replaced or shortened.</summary>
internal static class ZipSurgery
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, passing each record through <paramref name="edit"/> (null drops it).</summary>
    public static void Rewrite(string source, string target, Func<string, byte[], byte[]?> edit)
    {
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (ZipArchiveEntry e in input.Entries)
        {
            var data = new byte[e.Length];
            using (Stream s = e.Open())
                s.ReadExactly(data);
            byte[]? edited = edit(e.FullName, data);
            if (edited is null)
                continue;
            using Stream o = output.CreateEntry(e.FullName, CompressionLevel.NoCompression).Open();
            o.Write(edited);
        }
    }

    /// <summary>A zip holding <c>archive/data.pkl</c> = <paramref name="pickle"/> and nothing else.</summary>
    public static void WritePickleOnly(string target, byte[] pickle)
    {
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        using Stream o = output.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open();
        o.Write(pickle);
    }

    /// <summary>Pickle bytes from parts: byte arrays as they are, strings as ASCII/Latin-1.</summary>
    public static byte[] Pickle(params object[] parts)
    {
        var ms = new MemoryStream();
        foreach (object p in parts)
            ms.Write(p is string s ? Encoding.Latin1.GetBytes(s) : (byte[])p);
        return ms.ToArray();
    }

    /// <summary>BINUNICODE opcode for <paramref name="s"/>.</summary>
    public static byte[] Str(string s)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        var b = new byte[5 + utf8.Length];
        b[0] = (byte)'X';
        BitConverter.TryWriteBytes(b.AsSpan(1), utf8.Length);
        utf8.CopyTo(b, 5);
        return b;
    }

    public static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
