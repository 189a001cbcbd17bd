using System;

namespace Segment.Dsl;

/// <summary>
/// A decoder stage of a U²-Net (see <see cref="RsuStageAttribute"/>): it resizes the deeper map to
/// its skip's size, concatenates [deeper, skip] and runs the block. Declare decoders from the
/// deepest to the shallowest; there is one fewer decoder than encoders.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DecoderAttribute : RsuStageAttribute
{
    /// <param name="name">Stage name (De5, De4, ...).</param>
    /// <param name="height">RSU height L.</param>
    /// <param name="inChannels">Channels in: the deeper map's out plus the skip's out.</param>
    /// <param name="midChannels">Channels inside the block.</param>
    /// <param name="outChannels">Channels out.</param>
    public DecoderAttribute(string name, int height, int inChannels, int midChannels, int outChannels)
        : base(name, height, inChannels, midChannels, outChannels)
    {
    }
}
