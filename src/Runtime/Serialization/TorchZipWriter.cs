using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Segment.IO;
using System.Text;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Writes a zip the way PyTorch's PyTorchStreamWriter does: every record STORED (uncompressed)
/// and its data starting on a 64-byte boundary, padded with an extra field 'FB' filled with 'Z'.
/// System.IO.Compression cannot control extra fields, hence this small writer; the alignment
/// lets readers (torch's mmap loading among them) use the bytes in place.
/// Archives past 4 GiB would need zip64 records and are refused.
/// </summary>
internal sealed class TorchZipWriter
{
    private const int Alignment = 64;
    private readonly Stream _out;
    private readonly List<(byte[] Name, uint Crc, uint Size, uint Offset)> _entries = new();

    public TorchZipWriter(Stream output) => _out = output;

    public void WriteRecord(string name, ReadOnlySpan<byte> data)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        long offset = _out.Position;
        CheckZip32(offset + 30 + nameBytes.Length + 4 + Alignment + data.Length, name);
        long headerEnd = offset + 30 + nameBytes.Length + 4;
        int pad = (int)((Alignment - headerEnd % Alignment) % Alignment);
        uint crc = Crc32.Compute(data);

        Span<byte> h = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 20); // version needed: 2.0
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 0); // flags
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], 0); // method: stored
        BinaryPrimitives.WriteUInt16LittleEndian(h[10..], 0); // time 00:00
        BinaryPrimitives.WriteUInt16LittleEndian(h[12..], DosDate1980);
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], (uint)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(4 + pad));
        _out.Write(h);
        _out.Write(nameBytes);
        Span<byte> extra = stackalloc byte[4 + Alignment];
        extra[0] = (byte)'F';
        extra[1] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)pad);
        extra.Slice(4, pad).Fill((byte)'Z');
        _out.Write(extra[..(4 + pad)]);
        _out.Write(data);
        _entries.Add((nameBytes, crc, (uint)data.Length, (uint)offset));
    }

    /// <summary>Writes the central directory; the stream then holds a complete archive.</summary>
    public void Finish()
    {
        long cdStart = _out.Position;
        Span<byte> c = stackalloc byte[46];
        foreach (var e in _entries)
        {
            c.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(c, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(c[4..], 20); // made by: 2.0, MS-DOS attributes
            BinaryPrimitives.WriteUInt16LittleEndian(c[6..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(c[8..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(c[10..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(c[12..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(c[14..], DosDate1980);
            BinaryPrimitives.WriteUInt32LittleEndian(c[16..], e.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(c[20..], e.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(c[24..], e.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(c[28..], (ushort)e.Name.Length);
            // extra, comment, disk, internal and external attributes: all zero
            BinaryPrimitives.WriteUInt32LittleEndian(c[42..], e.Offset);
            _out.Write(c);
            _out.Write(e.Name);
        }
        long cdSize = _out.Position - cdStart;
        CheckZip32(_out.Position + 22, "central directory");
        if (_entries.Count > ushort.MaxValue)
            throw new NotSupportedException($"{_entries.Count} records need zip64, which this writer does not produce");
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)cdSize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)cdStart);
        _out.Write(end);
    }

    // 1980-01-01, the zip epoch: torch writes 0, which is not a valid date for some readers.
    private const ushort DosDate1980 = (0 << 9) | (1 << 5) | 1;

    private static void CheckZip32(long end, string what)
    {
        if (end > uint.MaxValue)
            throw new NotSupportedException($"checkpoint would exceed 4 GiB at '{what}'; zip64 is not supported by this writer");
    }
}
