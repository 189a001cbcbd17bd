using System;
using System.Buffers.Binary;

namespace Segment.Imaging;

/// <summary>
/// The two PNG chunks ImageSharp 2.1 does not hand back: the colour type (IHDR) and the palette
/// (PLTE). ImageSharp decodes an indexed PNG to colours; VOC labels are the palette indices, so
/// <see cref="ImageDecoding.ReadLabels"/> maps each colour back through the file's own palette.
/// </summary>
internal static class PngChunks
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public const byte IndexedColorType = 3;

    /// <summary>True for PNG bytes; then the IHDR colour type and the PLTE entries as RGB triples (empty without one).</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out byte colorType, out byte[] palette)
    {
        colorType = 0;
        palette = [];
        if (file.Length < Signature.Length || !file[..Signature.Length].SequenceEqual(Signature))
            return false;
        int at = Signature.Length;
        while (at + 8 <= file.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            ReadOnlySpan<byte> type = file.Slice(at + 4, 4);
            int data = at + 8;
            if (length > int.MaxValue || data + (long)length > file.Length)
                break;
            ReadOnlySpan<byte> body = file.Slice(data, (int)length);
            if (type.SequenceEqual("IHDR"u8) && body.Length >= 10)
                colorType = body[9];
            else if (type.SequenceEqual("PLTE"u8))
                palette = body.ToArray();
            else if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
                break;   // PLTE comes before the image data
            at = data + (int)length + 4;
        }
        return true;
    }
}
