namespace Segment.Generator.Model;

/// <summary>
/// A forward pass as straight-line steps over named tensors. <see cref="Results"/> are the tensors
/// handed back to the caller; every other intermediate is disposed by the emitter after its last use,
/// and <see cref="Input"/> (the caller's tensor) never is.
/// </summary>
internal sealed record ForwardProgram(string Input, EquatableArray<Step> Steps, EquatableArray<string> Results);
