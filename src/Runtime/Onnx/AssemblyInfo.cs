using System.Runtime.CompilerServices;

// The export tests parse written models with the generated (internal) protobuf classes.
[assembly: InternalsVisibleTo("Segment.Onnx.Tests")]
