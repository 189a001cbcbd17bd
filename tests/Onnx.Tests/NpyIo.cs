using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Segment.Onnx.Tests;

/// <summary>
/// Just enough .npy to trade float32 arrays with the Python and Node sides of the export tests
/// (the runtime's own Npy works on libtorch tensors, which these tests do without).
/// </summary>
internal static class NpyIo
{
    public static void WriteFloat32(string path, float[] data, long[] shape)
    {
        if (shape.Aggregate(1L, (a, b) => a * b) != data.Length)
            throw new ArgumentException($"{data.Length} values do not fill [{string.Join(", ", shape)}]");
        string dims = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {dims}, }}";
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        using var f = File.Create(path);
        f.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        f.Write(len);
        f.Write(Encoding.ASCII.GetBytes(header));
        var body = new byte[data.Length * 4];
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * 4), data[i]);
        f.Write(body);
    }

    /// <summary>Reads a C-order float32 array (format 1.0 to 3.0).</summary>
    public static (float[] Data, long[] Shape) ReadFloat32(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{path} is not a .npy file");
        int headerLength = bytes[6] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int start = bytes[6] == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, start, headerLength);
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: expected a C-order float32 array, header {header}");
        string dims = Regex.Match(header, @"'shape':\s*\(([^)]*)\)").Groups[1].Value;
        long[] shape = dims.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var data = new float[count];
        int offset = start + headerLength;
        if (bytes.Length - offset != count * 4)
            throw new InvalidDataException($"{path}: {bytes.Length - offset} data bytes for shape [{string.Join(", ", shape)}]");
        for (int i = 0; i < count; i++)
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + i * 4));
        return (data, shape);
    }
}
