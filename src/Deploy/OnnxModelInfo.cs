using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Imaging;

namespace Segment.Deploy;

/// <summary>
/// What a Segment ONNX model says about itself in its metadata (written by the exporter; keys as
/// Segment.Runtime.Onnx.OnnxMetadataKeys names them): the family, classes, normalisation and input shape that
/// decide how an image is prepared and how output 0 is read.
/// </summary>
public sealed record OnnxModelInfo(string Network, string Family, int Classes, MeanStd MeanStd, (int Height, int Width)? FixedSize, int MinimumSize, string Output)
{
    /// <summary>Reads the metadata map; a model without Segment's keys is refused with what is missing.</summary>
    public static OnnxModelInfo From(IReadOnlyDictionary<string, string> metadata, string path)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string Get(string key) => metadata.TryGetValue(key, out string? v) && v.Length > 0
            ? v
            : throw new ArgumentException($"{path}: not a Segment export (its metadata has no '{key}'; export it with `segment export` or ExportOnnx)");
        int classes = Int(Get("classes"), "classes", path);
        var mean = Floats(Get("mean"), "mean", path);
        var std = Floats(Get("std"), "std", path);
        string[] shape = Get("input_shape").Split(',');
        if (shape.Length != 4)
            throw new ArgumentException($"{path}: input_shape '{Get("input_shape")}' is not N,C,H,W");
        (int, int)? fixedSize = int.TryParse(shape[2], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
                                && int.TryParse(shape[3], NumberStyles.None, CultureInfo.InvariantCulture, out int w) ? (h, w) : null;
        // The network's minimum size, which the UNets' inputs are rounded up to a multiple of (PredictionPlan.ForFamily),
        // exactly as the TorchSharp path rounds them with ISegmentationNetwork.MinimumInputSize.
        int minimum = Int(Get("minimum_size"), "minimum_size", path);
        string output = Get("outputs").Split(',')[0];
        return new OnnxModelInfo(Get("network"), Get("family"), classes, new MeanStd(mean, std), fixedSize, minimum, output);
    }

    private static int Int(string text, string key, string path) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new ArgumentException($"{path}: metadata '{key}' = '{text}' is not a positive integer");

    private static float[] Floats(string text, string key, string path)
    {
        var values = text.Split(',').Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) ? f : float.NaN).ToArray();
        return values.Length == 3 && values.All(float.IsFinite)
            ? values
            : throw new ArgumentException($"{path}: metadata '{key}' = '{text}' is not three numbers");
    }
}
