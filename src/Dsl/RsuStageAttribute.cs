using System;

namespace Segment.Dsl;

/// <summary>
/// One stage of a U²-Net: an RSU block of the given height, or an RSU-4F block when
/// <see cref="Dilated"/> is set. The constructor arguments read like a row of the seed's table:
/// name, height, in, mid, out.
/// </summary>
public abstract class RsuStageAttribute : Attribute
{
    private protected RsuStageAttribute(string name, int height, int inChannels, int midChannels, int outChannels)
    {
        Name = name;
        Height = height;
        InChannels = inChannels;
        MidChannels = midChannels;
        OutChannels = outChannels;
    }

    /// <summary>Stage name, used for generated members and the summary (En1, De3, ...).</summary>
    public string Name { get; }

    /// <summary>RSU height L (&gt;= 2): the number of encoder levels inside the block. 4 for an RSU-4F.</summary>
    public int Height { get; }

    /// <summary>Channels flowing into the stage (for a decoder: deeper map + skip).</summary>
    public int InChannels { get; }

    /// <summary>Channels inside the block.</summary>
    public int MidChannels { get; }

    /// <summary>Channels the stage outputs.</summary>
    public int OutChannels { get; }

    /// <summary>RSU-4F: dilated convolutions (2, 4, 8) instead of pooling and upsampling.</summary>
    public bool Dilated { get; set; }

    /// <summary>Adds a side output (a convolution to the network's out-channels, resized to the input).</summary>
    public bool Side { get; set; }

    /// <summary>Weight of this side's term in the generated loss.</summary>
    public double SideLossWeight { get; set; } = 1;
}
