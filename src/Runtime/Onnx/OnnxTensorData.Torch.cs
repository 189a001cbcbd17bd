namespace Segment.Runtime.Onnx;

public sealed partial class OnnxTensorData
{
    /// <summary>
    /// Copies a tensor's values (from any device, any layout) so generated code can pass module
    /// weights straight to the builder: <c>g.Conv(x, conv.weight, null, "in_conv.0")</c>.
    /// </summary>
    public static implicit operator OnnxTensorData(Tensor tensor) => FromTensor(tensor);

    /// <summary>See the implicit conversion; named for callers that prefer to spell it out.</summary>
    public static OnnxTensorData FromTensor(Tensor tensor)
    {
        System.ArgumentNullException.ThrowIfNull(tensor);
        return new OnnxTensorData(tensor.dtype, tensor.shape, tensor.ToRawBytes());
    }
}
