namespace Segment.Runtime.Onnx;

/// <summary>
/// The metadata_props keys a generated network's export writes, so that a predictor with nothing but
/// ONNX Runtime (<c>InferenceSession.ModelMetadata.CustomMetadataMap</c>) knows how to feed the model and read
/// its outputs. Values are plain invariant-culture text; lists are comma-separated.
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>"U2Net", "UNet" or "UNetPlusPlus".</summary>
    public const string Family = "family";

    /// <summary>The network's command-line name ("u2netp").</summary>
    public const string Network = "network";

    /// <summary>Output channels: 1 for a binary mask, else the class count.</summary>
    public const string Classes = "classes";

    /// <summary>How output 0 was made from the logits: "sigmoid" (one class) or "softmax" (over axis 1).</summary>
    public const string Activation = "activation";

    /// <summary>The input "input" as [N, C, H, W]: numbers where fixed, "batch" / "height" / "width" where symbolic ("1,3,320,320").</summary>
    public const string InputShape = "input_shape";

    /// <summary>Smallest H and W the network takes.</summary>
    public const string MinimumSize = "minimum_size";

    /// <summary>What H and W must be multiples of (UNet++: 2^levels; 1 for any size).</summary>
    public const string SizeMultiple = "size_multiple";

    /// <summary>Per-channel mean subtracted from the input, whose values are RGB pixels scaled to [0, 1] ("0.485,0.456,0.406").</summary>
    public const string Mean = "mean";

    /// <summary>Per-channel standard deviation the input is divided by after subtracting <see cref="Mean"/>.</summary>
    public const string Std = "std";

    /// <summary>The graph outputs in order ("probabilities" first).</summary>
    public const string Outputs = "outputs";

    /// <summary>UNet++ with deep supervision: the head the probabilities are of (the full depth unless the export was pruned).</summary>
    public const string Head = "head";

    /// <summary>UNet++: the trainable parameters of the exported (possibly pruned) network.</summary>
    public const string Parameters = "parameters";

    /// <summary>UNet++ with a static size: the multiply-adds of its convolutions for one input of that size.</summary>
    public const string MultiplyAdds = "multiply_adds";
}
