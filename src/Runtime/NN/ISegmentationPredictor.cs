using System;
using Segment.Imaging;
using Segment.Runtime.Data;

namespace Segment.Runtime.NN;

/// <summary>
/// A trained network ready to run on batches of prepared images, whatever engine runs it: TorchSharp
/// (<see cref="TorchSharpPredictor"/>) or ONNX Runtime (Segment.Cli's OnnxRuntimePredictor). Evaluation and
/// prediction go through it, so both engines are measured and written alike. Holds its session or module until disposed.
/// </summary>
public interface ISegmentationPredictor : IDisposable
{
    /// <summary>1: a probability (sigmoid) map; more: class scores (softmax).</summary>
    int Classes { get; }

    /// <summary>Probabilities [N, Classes, H, W] on the CPU for a normalised batch [N, C, H, W].</summary>
    Tensor Probabilities(Tensor images);

    /// <summary>
    /// Class scores [N, Classes, H, W] on the CPU whose argmax is the prediction, also after a bilinear resize: the logits,
    /// or log-probabilities (log-softmax differs from the logits by one value per pixel, the same for every class, so
    /// a bilinear resize keeps the argmax the logits give).
    /// </summary>
    Tensor Scores(Tensor images);

    /// <summary>
    /// The probability planes [Classes, H, W] of one prepared image (CHW, normalised), as prediction writes them. An
    /// engine that does not compute in libtorch answers without building tensors (ONNX Runtime, whose concurrent runs
    /// then share no libtorch threads).
    /// </summary>
    float[] Probabilities(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using (torch.NewDisposeScope())
            return ImageTensors.to_planes(Probabilities(ImageTensors.to_batch(image))).Planes;
    }
}
