namespace Segment.Runtime.Onnx;

/// <summary>
/// How a generated network's <c>ExportOnnx</c> writes its model. The defaults reproduce the seeds'
/// <c>torch.onnx.export</c>: opset 11, one fixed 1 x C x H x W input, BatchNorm folded into the convs.
/// </summary>
public sealed record OnnxExportOptions
{
    /// <summary>The static H and W used when neither the options nor the network's [Input] give one: U²-Net's 320 x 320.</summary>
    public const int DefaultSize = 320;

    /// <summary>
    /// The largest static height or width, 2^24: ONNX's Resize (and onnx.checker's shape inference) computes output
    /// sizes from float32 scales, which hold every integer only up to 2^24; beyond it the written shapes disagree.
    /// </summary>
    public const int MaxStaticSize = 1 << 24;

    /// <summary>ONNX opset, <see cref="OnnxOpset.Min"/> to <see cref="OnnxOpset.Max"/>; default <see cref="OnnxOpset.Default"/> (11).</summary>
    public int Opset { get; init; } = OnnxOpset.Default;

    /// <summary>The batch axis is symbolic ("batch") instead of <see cref="BatchSize"/>.</summary>
    public bool DynamicBatch { get; init; }

    /// <summary>
    /// Height and width are symbolic ("height", "width"): one model for any size the network takes.
    /// Not allowed for a network whose [Input] fixes its size, nor together with <see cref="Height"/>/<see cref="Width"/>.
    /// </summary>
    public bool DynamicSize { get; init; }

    /// <summary>
    /// Fold each eval-mode BatchNorm into the convolution before it (one Conv node, as the runtime's eval
    /// forward computes it); false writes Conv + BatchNormalization with the modules' own weights.
    /// </summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Static input height; default: the network's fixed height, else <see cref="DefaultSize"/>.</summary>
    public int? Height { get; init; }

    /// <summary>Static input width; default: the network's fixed width, else <see cref="DefaultSize"/>.</summary>
    public int? Width { get; init; }

    /// <summary>The fixed batch size of a model without <see cref="DynamicBatch"/>; default 1.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Which outputs the model has: by default only "probabilities"; <see cref="OnnxOutputs.All"/> adds the logits and every side / aux / head output after it.</summary>
    public OnnxOutputs Outputs { get; init; } = OnnxOutputs.Probabilities;

    /// <summary>
    /// UNet++ with deep supervision only: export the network pruned to heads 1..Head (only the nodes X(i, j)
    /// with i + j &lt;= Head), whose probabilities are head Head's. Default: every head, the probabilities the
    /// full-depth head's, as the generated Predict. Any other network refuses it.
    /// </summary>
    public int? Head { get; init; }

    /// <summary>
    /// The per-channel input mean written to the model's metadata (<see cref="OnnxMetadataKeys.Mean"/>) for a
    /// predictor to normalise RGB pixels in [0, 1] with; default <see cref="ImageNetMean"/> for a 3-channel network.
    /// The graph itself does not normalise.
    /// </summary>
    public float[]? InputMean { get; init; }

    /// <summary>The per-channel standard deviation to go with <see cref="InputMean"/>; default <see cref="ImageNetStd"/> for a 3-channel network.</summary>
    public float[]? InputStd { get; init; }

    /// <summary>The ImageNet mean the seeds' U²-Net data loader normalises with.</summary>
    public static float[] ImageNetMean => new[] { 0.485f, 0.456f, 0.406f };

    /// <summary>The ImageNet standard deviation the seeds' U²-Net data loader normalises with.</summary>
    public static float[] ImageNetStd => new[] { 0.229f, 0.224f, 0.225f };
}
