namespace Segment.Generator.Emitters;

/// <summary>The runtime's ONNX types as generated export code spells them (see <see cref="RuntimeApi"/> for the rest).</summary>
internal static class OnnxApi
{
    public const string Options = "global::Segment.Runtime.Onnx.OnnxExportOptions";
    public const string Session = "global::Segment.Runtime.Onnx.OnnxNetworkExport";
    public const string Builder = "global::Segment.Runtime.Onnx.OnnxGraphBuilder";
    public const string Outputs = "global::Segment.Runtime.Onnx.OnnxOutputs";
    public const string Stream = "global::System.IO.Stream";
    public const string OutputShapes = "global::System.Collections.Generic.IReadOnlyList<(string Name, long[] Shape)>";
    public const string OutputShapeList = "global::System.Collections.Generic.List<(string Name, long[] Shape)>";
}
