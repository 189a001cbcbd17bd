using System;
using System.Globalization;
using System.Linq;

namespace Segment.Runtime.Onnx;

/// <summary>
/// The output contract of a generated export: "probabilities" first, the rest only with
/// <see cref="OnnxOutputs.All"/>, a UNet++'s heads pruned by <see cref="OnnxExportOptions.Head"/>,
/// and the metadata a predictor needs (<see cref="OnnxMetadataKeys"/>).
/// </summary>
public sealed partial class OnnxNetworkExport
{
    /// <summary>Whether the logits and the side / aux / head outputs follow the probabilities (<see cref="OnnxOutputs.All"/>).</summary>
    public bool AllOutputs => Options.Outputs == OnnxOutputs.All;

    /// <summary>A UNet++ with deep supervision: how many heads the export keeps (1..Heads), the probabilities being the last's; else 0.</summary>
    public int Heads { get; }

    public int InputChannels { get; }

    public int MinimumSize { get; }

    public int Multiple { get; }

    /// <summary>The input normalisation written to the metadata; null for a network without 3 channels and none given.</summary>
    public float[]? Mean { get; }

    public float[]? Std { get; }

    /// <summary>Declares output 0, "probabilities": sigmoid of <paramref name="logits"/> for one class, softmax over axis 1 otherwise.</summary>
    public void Probabilities(string logits, int classes) =>
        Output("probabilities", classes == 1 ? Graph.Sigmoid(logits) : Graph.Softmax(logits, 1));

    /// <summary>
    /// Writes the metadata_props a predictor reads (<see cref="OnnxMetadataKeys"/>); call after the outputs.
    /// <paramref name="parameters"/> and <paramref name="multiplyAddsPerCell"/> (multiply-adds per
    /// <see cref="Multiple"/> x <see cref="Multiple"/> cell of the input) describe the exported network when the generator knows them.
    /// </summary>
    public void Describe(string family, int classes, long? parameters = null, long? multiplyAddsPerCell = null)
    {
        OnnxGraphBuilder g = Graph;
        g.AddMetadata(OnnxMetadataKeys.Family, family);
        g.AddMetadata(OnnxMetadataKeys.Network, g.GraphName);
        g.AddMetadata(OnnxMetadataKeys.Classes, Text(classes));
        g.AddMetadata(OnnxMetadataKeys.Activation, classes == 1 ? "sigmoid" : "softmax");
        g.AddMetadata(OnnxMetadataKeys.InputShape, string.Join(",",
            Batch is long n ? Text(n) : "batch", Text(InputChannels), Height is long h ? Text(h) : "height", Width is long w ? Text(w) : "width"));
        g.AddMetadata(OnnxMetadataKeys.MinimumSize, Text(MinimumSize));
        g.AddMetadata(OnnxMetadataKeys.SizeMultiple, Text(Multiple));
        if (Mean is not null && Std is not null)
        {
            g.AddMetadata(OnnxMetadataKeys.Mean, string.Join(",", Mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            g.AddMetadata(OnnxMetadataKeys.Std, string.Join(",", Std.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        g.AddMetadata(OnnxMetadataKeys.Outputs, string.Join(",", g.OutputNames));
        if (Heads > 0)
            g.AddMetadata(OnnxMetadataKeys.Head, Text(Heads));
        if (parameters is long p)
            g.AddMetadata(OnnxMetadataKeys.Parameters, Text(p));
        if (multiplyAddsPerCell is long macs && Height is long sh && Width is long sw)
            g.AddMetadata(OnnxMetadataKeys.MultiplyAdds, Text(macs * (sh / Multiple) * (sw / Multiple)));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static int CheckHeads(string network, int? head, int heads)
    {
        if (head is not int k)
            return heads;
        if (heads == 0)
            throw new ArgumentException($"{network} has one head: Head (--head) prunes a UNet++ with deep supervision", "options");
        if (k < 1 || k > heads)
            throw new ArgumentOutOfRangeException("options", k, $"{network} has heads 1..{heads}, not {k}");
        return k;
    }

    private static (float[]? Mean, float[]? Std) Normalisation(string network, OnnxExportOptions o, int channels)
    {
        if (o.InputMean is null != o.InputStd is null)
            throw new ArgumentException($"{network}: give both InputMean and InputStd, or neither", "options");
        if (o.InputMean is null)
            return channels == 3 ? (OnnxExportOptions.ImageNetMean, OnnxExportOptions.ImageNetStd) : (null, null);
        if (o.InputMean.Length != channels || o.InputStd!.Length != channels)
            throw new ArgumentException($"{network} takes {channels} channel(s): InputMean and InputStd need one value each", "options");
        if (o.InputStd.Any(v => !(v > 0)))
            throw new ArgumentException($"{network}: every InputStd value must be positive", "options");
        return (o.InputMean.ToArray(), o.InputStd.ToArray());
    }
}
