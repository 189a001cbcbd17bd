namespace Segment.Generator.Model;

/// <summary>
/// The Shapes step's result: the model when the declaration is sound, every diagnostic found
/// (parser's included), and where the network's name is written (for registry diagnostics).
/// </summary>
internal sealed record U2NetAnalysis(string TypeName, U2NetModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? NameLocation = null)
{
    /// <summary>The parsed declaration, set by the generator (the stand-in for an invalid declaration is emitted from it).</summary>
    public U2NetSpec? Spec { get; init; }
}
