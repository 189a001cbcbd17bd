using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Segment.Deploy;

/// <summary>
/// Checks that a model's metadata (<see cref="OnnxModelInfo"/>) describes its graph before the model is run: an input
/// named "input" of rank 4 with 3 channels, the fixed size the metadata states (or dynamic height and width where it
/// states none), and output 0 present with the metadata's class count. A model edited or assembled by hand that
/// disagrees would otherwise fail inside ONNX Runtime with an InvalidArgument, or write masks of the wrong shape.
/// </summary>
internal static class OnnxGraphAgreement
{
    public const string InputName = "input";

    /// <summary>Throws an <see cref="InvalidDataException"/> naming the model and the first disagreement.</summary>
    public static void Require(InferenceSession session, OnnxModelInfo info, string path)
    {
        if (!session.InputMetadata.TryGetValue(InputName, out NodeMetadata? input))
            throw Disagrees(path, $"the graph has no input named '{InputName}' (inputs: {string.Join(", ", session.InputMetadata.Keys)})");
        int[] dims = input.Dimensions;
        if (input.ElementDataType != TensorElementType.Float || dims.Length != 4 || dims[1] != 3)
            throw Disagrees(path, $"input '{InputName}' is {input.ElementDataType} [{Dims(dims)}], not a float image [N, 3, H, W]");
        (int Height, int Width)? graphSize = dims[2] > 0 && dims[3] > 0 ? (dims[2], dims[3]) : null;
        if (graphSize != info.FixedSize)
            throw Disagrees(path, $"the metadata's input_shape says {Size(info.FixedSize)} but the graph's input is [{Dims(dims)}]");
        if (!session.OutputMetadata.TryGetValue(info.Output, out NodeMetadata? output))
            throw Disagrees(path, $"the metadata names output '{info.Output}', which the graph does not have (outputs: {string.Join(", ", session.OutputMetadata.Keys)})");
        int[] outDims = output.Dimensions;
        if (output.ElementDataType != TensorElementType.Float || outDims.Length != 4 || outDims[1] > 0 && outDims[1] != info.Classes)
            throw Disagrees(path, $"output '{info.Output}' is {output.ElementDataType} [{Dims(outDims)}], not float [N, {info.Classes}, H, W] as the metadata's {info.Classes} classes say");
    }

    private static string Dims(IEnumerable<int> dims) => string.Join(", ", dims.Select(d => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?"));

    private static string Size((int Height, int Width)? size) => size is { } s ? $"{s.Height} x {s.Width}" : "a dynamic size";

    private static InvalidDataException Disagrees(string path, string what) => new($"{path}: metadata and graph disagree: {what}");
}
