namespace Segment.Generator.Model;

/// <summary>A UNet declaration: the [UNet] options (input channels come from the shared [Input]).</summary>
internal sealed record UNetSpec(
    TypeDeclarationInfo Type,
    InputSpec? Input,
    EquatableArray<DiagnosticInfo> Diagnostics,
    UNetOptions Options)
    : NetworkSpec(Type, Input, Diagnostics)
{
    public override string CliName => Options.CliName;

    public override LocationInfo? NameLocation => Options.Locations.Name;
}

/// <summary>The [UNet(...)] options as written; <see cref="Channels"/> and <see cref="ClassWeights"/> are empty when not written.</summary>
internal sealed record UNetOptions(
    int Classes,
    int BaseChannels,
    EquatableArray<int> Channels,
    int Depth,
    bool Bilinear,
    int AuxLevel,
    EquatableArray<double> ClassWeights,
    int IgnoreIndex,
    bool Dice,
    string CliName,
    UNetLocations Locations,
    bool AttentionGates = false);

/// <summary>Where each option is written (the attribute when it is not).</summary>
internal sealed record UNetLocations(
    LocationInfo? Attribute,
    LocationInfo? Classes,
    LocationInfo? BaseChannels,
    LocationInfo? Channels,
    LocationInfo? Depth,
    LocationInfo? Bilinear,
    LocationInfo? AuxLevel,
    LocationInfo? ClassWeights,
    LocationInfo? Name,
    EquatableArray<LocationInfo> ChannelElements,
    LocationInfo? AttentionGates = null)
{
    /// <summary>Where Channels[<paramref name="k"/>] is written (the whole list when its elements are not literal).</summary>
    public LocationInfo? Channel(int k) => LocationInfo.Element(ChannelElements, k, Channels);
}
