namespace Segment.Generator.Model;

/// <summary>The declared input ([Input]); Height/Width 0 mean any size.</summary>
internal sealed record InputSpec(
    int Channels,
    int Height,
    int Width,
    LocationInfo? ChannelsLocation,
    LocationInfo? HeightLocation,
    LocationInfo? WidthLocation)
{
    public bool HasFixedSize => Height > 0 && Width > 0;
}
