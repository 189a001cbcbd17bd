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
        // to()/contiguous() may hand back the tensor itself when nothing changes: only dispose what is new.
        Tensor cpu = tensor.device.Type == DeviceType.CPU ? tensor : tensor.to(Device.CPU);
        try
        {
            Tensor dense = cpu.is_contiguous() ? cpu : cpu.contiguous();
            try
            {
                return new OnnxTensorData(dense.dtype, dense.shape, dense.ToRawBytes());
            }
            finally
            {
                if (!ReferenceEquals(dense, cpu))
                    dense.Dispose();
            }
        }
        finally
        {
            if (!ReferenceEquals(cpu, tensor))
                cpu.Dispose();
        }
    }
}
