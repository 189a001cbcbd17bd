using System;

namespace Segment.IO;

/// <summary>
/// CRC-32 (ISO 3309 / IEEE, as zip and PNG use it): checkpoints' zip entries and PNG chunks. System.IO.Hashing is a
/// separate package; this table version is fast enough for both and keeps the libraries free of extra dependencies.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/> followed by <paramref name="more"/> (a PNG chunk's type, then its data).</summary>
    public static uint Compute(ReadOnlySpan<byte> data, ReadOnlySpan<byte> more = default) => ~Update(Update(0xFFFFFFFFu, data), more);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
