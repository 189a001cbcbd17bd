namespace Segment.Generator.Model;

/// <summary>The [U2Net(...)] options as written.</summary>
internal sealed record U2NetOptions(
    int OutChannels,
    int SideKernelSize,
    double FusedLossWeight,
    string CliName,
    LocationInfo? Attribute,
    LocationInfo? OutChannelsLocation,
    LocationInfo? SideKernelSizeLocation,
    LocationInfo? NameLocation,
    LocationInfo? FusedLossWeightLocation = null);
