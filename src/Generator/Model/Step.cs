namespace Segment.Generator.Model;

/// <summary>One statement of a straight-line forward pass: <c>var Target = Op(Inputs); // Shape</c>.</summary>
internal sealed record Step(string Target, OpKind Op, EquatableArray<string> Inputs, string? Module, TensorShape Shape);
