namespace Segment.Generator.Model;

/// <summary>The Shapes step's result: the model when the declaration is sound, and every diagnostic found (parser's included).</summary>
internal sealed record U2NetAnalysis(string TypeName, U2NetModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
