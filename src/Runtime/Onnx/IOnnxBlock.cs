namespace Segment.Runtime.Onnx;

/// <summary>
/// A runtime block that writes its own eval-mode ONNX lowering: it knows its children and the names they are
/// registered under, so the generated export calls <see cref="OnnxNetworkExport.Module(string, torch.nn.Module, string)"/> on it and nothing
/// outside the block spells its state_dict paths.
/// </summary>
public interface IOnnxBlock
{
    /// <summary>Adds the block's nodes on <paramref name="x"/>; weights under "{<paramref name="name"/>}.{child}". Returns the output value.</summary>
    string Export(OnnxNetworkExport onnx, string x, string name);
}

/// <summary>A two-input runtime block (an attention gate on a skip) that writes its own eval-mode ONNX lowering.</summary>
public interface IOnnxGate
{
    /// <summary>Adds the block's nodes on <paramref name="g"/> and <paramref name="x"/>; weights under "{<paramref name="name"/>}.{child}".</summary>
    string Export(OnnxNetworkExport onnx, string g, string x, string name);
}
