namespace Segment.Generator.Model;

/// <summary>A UNet++ declaration: the [UNetPlusPlus] options (input channels come from the shared [Input]).</summary>
internal sealed record UNetPlusPlusSpec(
    TypeDeclarationInfo Type,
    InputSpec? Input,
    EquatableArray<DiagnosticInfo> Diagnostics,
    UNetPlusPlusOptions Options)
    : NetworkSpec(Type, Input, Diagnostics)
{
    public override string CliName => Options.CliName;

    public override LocationInfo? NameLocation => Options.NameLocation;
}

/// <summary>The [UNetPlusPlus(...)] options as written (<see cref="Filters"/> already defaulted to the seed's when absent).</summary>
internal sealed record UNetPlusPlusOptions(
    EquatableArray<int> Filters,
    int Classes,
    bool DeepSupervision,
    int IgnoreIndex,
    bool Dice,
    string CliName,
    LocationInfo? Attribute,
    LocationInfo? FiltersLocation,
    LocationInfo? ClassesLocation,
    LocationInfo? DeepSupervisionLocation,
    LocationInfo? NameLocation,
    EquatableArray<LocationInfo> FilterElements)
{
    /// <summary>Where Filters[<paramref name="k"/>] is written (the whole list when its elements are not literal).</summary>
    public LocationInfo? Filter(int k) => LocationInfo.Element(FilterElements, k, FiltersLocation);
}
