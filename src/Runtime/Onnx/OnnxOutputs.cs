namespace Segment.Runtime.Onnx;

/// <summary>Which graph outputs a generated network's <c>ExportOnnx</c> writes.</summary>
public enum OnnxOutputs
{
    /// <summary>
    /// One output, "probabilities" (sigmoid for one class, softmax over the classes otherwise): what an
    /// application consumes, and what U²-Net tools read as outputs[0]. Nodes only other outputs need are left out.
    /// </summary>
    Probabilities,

    /// <summary>"probabilities" first, then the logits and every side / aux / head output in the typed result's order.</summary>
    All,
}
