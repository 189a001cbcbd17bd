namespace Segment.Generator.Model;

/// <summary>One [Encoder]/[Decoder] line as written, with the location of each argument for diagnostics.</summary>
internal sealed record RsuStageSpec(
    StageKind Kind,
    string Name,
    int Height,
    int InChannels,
    int MidChannels,
    int OutChannels,
    bool Dilated,
    bool Side,
    double SideLossWeight,
    bool HasSideLossWeight,
    RsuStageLocations Locations);

/// <summary>Where each argument of a stage line is (the whole attribute when an argument is absent).</summary>
internal sealed record RsuStageLocations(
    LocationInfo? Attribute,
    LocationInfo? Name,
    LocationInfo? Height,
    LocationInfo? InChannels,
    LocationInfo? MidChannels,
    LocationInfo? OutChannels,
    LocationInfo? Dilated,
    LocationInfo? Side,
    LocationInfo? SideLossWeight = null);
