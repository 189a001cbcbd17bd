using System;
using Segment.Runtime.NN.Blocks;
using TorchSharp.Modules;

namespace Segment.Runtime.Onnx;

// TorchSharp's own layers, lowered by type: what a block (IOnnxBlock) or a generated export hands over is a
// module and its state_dict path, never a kind spelled in a name.
public sealed partial class OnnxNetworkExport
{
    /// <summary>
    /// Any child module of a generated network: an <see cref="IOnnxBlock"/> lowers itself; a Sequential lowers
    /// its children in order under "{name}.{index}"; Conv2d, ConvTranspose2d, MaxPool2d (kernel 2, floor), the
    /// norms, activations and Dropout2d (the identity in eval mode) are lowered here.
    /// </summary>
    public string Module(string x, torch.nn.Module module, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        switch (module)
        {
            case IOnnxBlock block:
                return block.Export(this, x, name);
            case Sequential sequence:
                for (int i = 0; i < sequence.Count; i++)
                {
                    // A conv followed by its norm is one step (folded where BatchNorm makes that exact).
                    if (sequence[i] is Conv2d conv && i + 1 < sequence.Count && IsNorm((torch.nn.Module)(object)sequence[i + 1]))
                    {
                        x = ConvNorm(x, conv, (torch.nn.Module<Tensor, Tensor>)(object)sequence[i + 1], $"{name}.{i}", $"{name}.{i + 1}");
                        i++;
                    }
                    else
                        x = Module(x, (torch.nn.Module)(object)sequence[i], $"{name}.{i}");
                }
                return x;
            case Conv2d conv:
                return Conv(x, conv, name);
            case ConvTranspose2d transposed:
                return ConvTranspose(x, transposed, name);
            case MaxPool2d:
                return MaxPoolFloor(x);
            case Dropout2d:
                return x;
            case Sigmoid:
                return Graph.Sigmoid(x);
            case torch.nn.Module<Tensor, Tensor> layer when IsActivation(layer):
                return Activation(x, layer, name);
            default:
                throw new NotSupportedException($"{name}: no ONNX lowering for {module.GetType().Name}");
        }
    }

    /// <summary>A two-input child (an attention gate on a skip): it lowers itself.</summary>
    public string Module(string g, string x, torch.nn.Module module, string name) => module is IOnnxGate gate
        ? gate.Export(this, g, x, name)
        : throw new NotSupportedException($"{name}: no two-input ONNX lowering for {module.GetType().Name}");

    /// <summary>
    /// norm(conv(x)) in eval semantics: BatchNorm folded into the conv unless <see cref="OnnxExportOptions.FoldBatchNorm"/>
    /// is off; InstanceNorm2d (affine) and GroupNorm after the conv, which they cannot be folded into (their statistics are the sample's).
    /// </summary>
    public string ConvNorm(string x, Conv2d conv, torch.nn.Module<Tensor, Tensor> norm, string convName, string normName)
    {
        ArgumentNullException.ThrowIfNull(norm);
        return norm switch
        {
            BatchNorm2d bn => ConvBn(x, conv, bn, convName, normName),
            InstanceNorm2d instance => Graph.InstanceNormalization(Conv(x, conv, convName),
                instance.weight ?? throw new InvalidOperationException($"{normName}: export needs an affine InstanceNorm2d"), instance.bias!, instance.eps, normName),
            GroupNorm group => Graph.GroupNormalization(Conv(x, conv, convName), group.num_groups,
                group.weight ?? throw new InvalidOperationException($"{normName}: export needs an affine GroupNorm"), group.bias!, group.eps, normName),
            _ => throw new NotSupportedException($"{normName}: no ONNX lowering for {norm.GetType().Name}"),
        };
    }

    /// <summary>An activation layer: ReLU, LeakyReLU, PReLU (its slope under "{name}.weight"), ELU, GELU (exact) or Sigmoid.</summary>
    public string Activation(string x, torch.nn.Module<Tensor, Tensor> act, string name) => act switch
    {
        ReLU => Graph.Relu(x),
        LeakyReLU leaky => Graph.LeakyRelu(x, leaky.negative_slope),
        HeldLeakyReLU leaky => Graph.LeakyRelu(x, leaky.negative_slope),
        PReLU prelu => Graph.PRelu(x, prelu.weight, name),
        ELU elu => Graph.Elu(x, elu.alpha),
        HeldELU elu => Graph.Elu(x, elu.alpha),
        GELU gelu => gelu.approximate == GELU.Approximate.none
            ? Graph.Gelu(x)
            : throw new NotSupportedException($"{name}: only the exact GELU is exported"),
        Sigmoid => Graph.Sigmoid(x),
        _ => throw new NotSupportedException($"{name}: no ONNX lowering for {act.GetType().Name}"),
    };

    private static bool IsNorm(torch.nn.Module m) => m is BatchNorm2d or InstanceNorm2d or GroupNorm;

    private static bool IsActivation(torch.nn.Module m) => m is ReLU or LeakyReLU or HeldLeakyReLU or PReLU or ELU or HeldELU or GELU;
}
