using System;

namespace Segment.Dsl;

/// <summary>An encoder stage of a U²-Net (see <see cref="RsuStageAttribute"/>); encoders are max-pooled (2, ceil mode) between each other.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EncoderAttribute : RsuStageAttribute
{
    /// <param name="name">Stage name (En1, En2, ...).</param>
    /// <param name="height">RSU height L.</param>
    /// <param name="inChannels">Channels in: the input's for the first encoder, the previous encoder's out otherwise.</param>
    /// <param name="midChannels">Channels inside the block.</param>
    /// <param name="outChannels">Channels out.</param>
    public EncoderAttribute(string name, int height, int inChannels, int midChannels, int outChannels)
        : base(name, height, inChannels, midChannels, outChannels)
    {
    }
}
