using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Segment.Runtime.Serialization;

/// <summary>
/// NumPy .npy files (format 1.0-3.0): float32/64, float16, int64/32/16/8, uint8 and bool,
/// little-endian, C or Fortran order. Bad files fail with an <see cref="InvalidDataException"/>
/// that names the file and what is wrong with it.
/// </summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly Dictionary<string, ScalarType> Descrs = new()
    {
        ["f4"] = ScalarType.Float32,
        ["f8"] = ScalarType.Float64,
        ["f2"] = ScalarType.Float16,
        ["i8"] = ScalarType.Int64,
        ["i4"] = ScalarType.Int32,
        ["i2"] = ScalarType.Int16,
        ["i1"] = ScalarType.Int8,
        ["u1"] = ScalarType.Byte,
        ["b1"] = ScalarType.Bool,
    };

    /// <summary>
    /// Reads a .npy file into a new CPU tensor. The file must be a regular file (not a FIFO or a device) that one
    /// array can hold (under 2 GiB); every problem is an exception naming the file.
    /// </summary>
    public static Tensor Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        long length = Segment.IO.InputFiles.RequireRegular(path, ".npy");
        if (length > Array.MaxLength)
            throw new IOException($"{path}: the .npy file is {length:N0} bytes; arrays over {Array.MaxLength:N0} bytes (2 GiB) are not supported");
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a .npy file; <paramref name="name"/> is used in error messages.</summary>
    public static Tensor Read(ReadOnlySpan<byte> bytes, string name = "<npy>")
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw Bad(name, "it does not start with the .npy magic \\x93NUMPY");
        int major = bytes[6];
        int headerLength, dataStart;
        switch (major)
        {
            case 1:
                headerLength = bytes[8] | (bytes[9] << 8);
                dataStart = 10 + headerLength;
                break;
            case 2:
            case 3:
                if (bytes.Length < 12) throw Bad(name, "the header is truncated");
                uint declared = BitConverter.ToUInt32(bytes.Slice(8, 4));
                if (declared > bytes.Length - 12)
                    throw Bad(name, $"the header claims {declared} bytes but the file has {bytes.Length}");
                headerLength = (int)declared;
                dataStart = 12 + headerLength;
                break;
            default:
                throw Bad(name, $"format version {major}.{bytes[7]} is not supported (1.0 to 3.0 are)");
        }
        if (dataStart > bytes.Length)
            throw Bad(name, $"the header claims {headerLength} bytes but the file has {bytes.Length}");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes[(dataStart - headerLength)..dataStart]);

        string descr = ReadValue(header, "descr", name).Trim('\'', '"');
        string fortran = ReadValue(header, "fortran_order", name);
        long[] shape = ParseShape(ReadValue(header, "shape", name), name);

        if (descr.Length != 3 || !Descrs.TryGetValue(descr[1..], out ScalarType dtype))
            throw Bad(name, $"dtype '{descr}' is not supported (float32/64, float16, int64/32/16/8, uint8, bool are)");
        char order = descr[0];
        if (order == '>' && dtype.ElementSize() > 1)
            throw Bad(name, $"dtype '{descr}' is big-endian; only little-endian data is supported");
        if (order is not ('<' or '|' or '=' or '>'))
            throw Bad(name, $"dtype '{descr}' has an unknown byte order");
        bool isFortran = fortran switch
        {
            "False" => false,
            "True" => true,
            _ => throw Bad(name, $"fortran_order is '{fortran}', expected True or False"),
        };

        long count = 1, size;
        try
        {
            foreach (long d in shape) count = checked(count * d);
            size = checked(count * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw Bad(name, $"shape {TensorBytes.FormatShape(shape)} has more elements than any file can hold");
        }
        long available = bytes.Length - dataStart;
        if (available < size)
            throw Bad(name, $"shape {TensorBytes.FormatShape(shape)} of {dtype.TorchName()} needs {size} data bytes but the file has {available}");
        ReadOnlySpan<byte> data = bytes.Slice(dataStart, checked((int)size));

        if (!isFortran || shape.Length < 2)
            return TensorBytes.FromRaw(data, dtype, shape);
        // Fortran order is C order of the reversed shape, transposed back.
        var reversed = (long[])shape.Clone();
        Array.Reverse(reversed);
        var dims = new long[shape.Length];
        for (int i = 0; i < dims.Length; i++) dims[i] = dims.Length - 1 - i;
        using var raw = TensorBytes.FromRaw(data, dtype, reversed).DetachFromDisposeScope();
        using var permuted = raw.permute(dims).DetachFromDisposeScope();
        return permuted.contiguous();
    }

    /// <summary>Writes <paramref name="tensor"/> as a .npy 1.0 file (C order, little-endian), atomically.</summary>
    public static void Save(string path, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensor);
        Segment.IO.OutputFiles.Write(path, Write(tensor));
    }

    /// <summary>The bytes of a .npy 1.0 file holding <paramref name="tensor"/>.</summary>
    public static byte[] Write(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ScalarType dtype = tensor.dtype;
        string descr = dtype switch
        {
            ScalarType.Float32 => "<f4",
            ScalarType.Float64 => "<f8",
            ScalarType.Float16 => "<f2",
            ScalarType.Int64 => "<i8",
            ScalarType.Int32 => "<i4",
            ScalarType.Int16 => "<i2",
            ScalarType.Int8 => "|i1",
            ScalarType.Byte => "|u1",
            ScalarType.Bool => "|b1",
            _ => throw new NotSupportedException($"cannot write {dtype} to .npy"),
        };
        long[] shape = tensor.shape;
        string shapeText = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", Array.ConvertAll(shape, d => d.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        // numpy's own layout: the dict, spaces, and a newline, padded so the data starts at a multiple of 64.
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        string header = dict + new string(' ', padding) + "\n";
        if (header.Length > ushort.MaxValue)
            throw new NotSupportedException($"shape {TensorBytes.FormatShape(shape)} makes a header too long for .npy 1.0");

        long dataSize = checked(tensor.numel() * dtype.ElementSize());
        var result = new byte[checked(10 + header.Length + (int)dataSize)];
        Magic.CopyTo(result, 0);
        result[6] = 1;
        result[7] = 0;
        result[8] = (byte)(header.Length & 0xFF);
        result[9] = (byte)(header.Length >> 8);
        Encoding.Latin1.GetBytes(header, 0, header.Length, result, 10);
        tensor.ToRawBytes().CopyTo(result.AsSpan(10 + header.Length));
        return result;
    }

    // Reads the text of one key's value in the header dict ({'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }).
    private static string ReadValue(string header, string key, string name)
    {
        int k = header.IndexOf("'" + key + "'", StringComparison.Ordinal);
        if (k < 0) k = header.IndexOf("\"" + key + "\"", StringComparison.Ordinal);
        if (k < 0) throw Bad(name, $"the header has no '{key}' entry: {header.Trim()}");
        int colon = header.IndexOf(':', k);
        if (colon < 0) throw Bad(name, $"the header's '{key}' entry has no value");
        int start = colon + 1;
        while (start < header.Length && header[start] == ' ') start++;
        int end;
        if (start < header.Length && header[start] == '(')
        {
            end = header.IndexOf(')', start);
            if (end < 0) throw Bad(name, $"the header's '{key}' tuple is not closed");
            end++;
        }
        else if (start < header.Length && header[start] is '\'' or '"')
        {
            end = header.IndexOf(header[start], start + 1);
            if (end < 0) throw Bad(name, $"the header's '{key}' string is not closed");
            end++;
        }
        else
        {
            end = start;
            while (end < header.Length && header[end] is not (',' or '}')) end++;
        }
        return header[start..end].Trim();
    }

    private static long[] ParseShape(string text, string name)
    {
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')')
            throw Bad(name, $"shape '{text}' is not a tuple");
        var dims = new List<long>();
        foreach (string part in text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string p = part.TrimEnd('L');
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long d))
                throw Bad(name, $"shape '{text}' has a dimension '{part}' that is not a non-negative integer");
            dims.Add(d);
        }
        return dims.ToArray();
    }

    private static InvalidDataException Bad(string name, string what) => new($"{name}: not a valid .npy file: {what}");
}
