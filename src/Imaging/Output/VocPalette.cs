using System;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging.Output;

/// <summary>
/// PASCAL VOC's 256-colour map (the devkit's <c>VOClabelcolormap</c>: the bits of the index
/// spread over R, G and B from the high bit down): index 0 black, 1 (128, 0, 0), ..., 255
/// (224, 224, 192), the border colour. Every colour is distinct, so a palette PNG written with
/// it reads back to the same indices.
/// </summary>
public static class VocPalette
{
    private static readonly Rgb24[] Map = Build();
    private static readonly byte[] TripleBytes = Flatten(Map);

    /// <summary>The colour of class <paramref name="index"/>.</summary>
    public static Rgb24 ColorOf(byte index) => Map[index];

    /// <summary>The 256 colours as a PNG PLTE chunk holds them: R, G, B of index 0, then of 1, ...</summary>
    public static ReadOnlySpan<byte> Triples => TripleBytes;

    private static byte[] Flatten(Rgb24[] map)
    {
        var bytes = new byte[map.Length * 3];
        for (int i = 0; i < map.Length; i++)
            (bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]) = (map[i].R, map[i].G, map[i].B);
        return bytes;
    }

    private static Rgb24[] Build()
    {
        var map = new Rgb24[256];
        for (int i = 0; i < 256; i++)
        {
            int r = 0, g = 0, b = 0, c = i;
            for (int j = 0; j < 8; j++)
            {
                r |= ((c >> 0) & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            map[i] = new Rgb24((byte)r, (byte)g, (byte)b);
        }
        return map;
    }
}
