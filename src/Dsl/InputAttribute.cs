using System;

namespace Segment.Dsl;

/// <summary>
/// The input a network takes: its channel count and, when the network only takes one size,
/// that height and width. Optional: without it the first stage's in-channels are the input's
/// channels and any size at least the network's minimum is accepted.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <param name="channels">Channels of the input image (3 for RGB).</param>
    public InputAttribute(int channels) => Channels = channels;

    /// <summary>An input of one fixed size: <c>[Input(3, 320, 320)]</c> is <c>[Input(3, Height = 320, Width = 320)]</c>.</summary>
    /// <param name="channels">Channels of the input image (3 for RGB).</param>
    /// <param name="height">The only input height the network takes.</param>
    /// <param name="width">The only input width the network takes.</param>
    public InputAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Channels of the input image.</summary>
    public int Channels { get; }

    /// <summary>Fixed input height; 0 (the default) accepts any height.</summary>
    public int Height { get; set; }

    /// <summary>Fixed input width; 0 (the default) accepts any width.</summary>
    public int Width { get; set; }
}
