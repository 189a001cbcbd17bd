namespace Segment.Generator.Model;

/// <summary>
/// The Shapes step's result for any family: the model when the declaration is sound, every diagnostic found (the
/// parser's included), and where the network's name is written (for registry diagnostics).
/// </summary>
internal sealed record NetworkAnalysis(string TypeName, NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? NameLocation = null)
{
    /// <summary>The parsed declaration, set by the generator (the stand-in for an invalid declaration is emitted from it).</summary>
    public NetworkSpec? Spec { get; init; }
}
