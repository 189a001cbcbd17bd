using System;
using System.Linq;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;
using Segment.Runtime.Serialization.Formats;

namespace Segment.Runtime.Training;

/// <summary>
/// Freezing a network's encoder to fine-tune only its decoder and heads, the usual way pretrained weights are
/// adapted: the encoder's parameters stop requiring gradients, so <see cref="Optimizers"/> leaves them out (as the
/// seeds' scripts leave out any frozen parameter). Its BatchNorm layers still update their running statistics in
/// train mode, as in PyTorch when only <c>requires_grad</c> is turned off.
/// </summary>
public static class EncoderFreezing
{
    /// <summary>
    /// The encoder's parameters by the seeds' names: U²-Net's <c>encode_modules</c> (En1..En6), UNet's <c>in_conv</c>
    /// and <c>down{k}</c>, UNet++'s backbone column <c>conv{i}_0</c>.
    /// </summary>
    public static bool IsEncoder(string key, NetworkFamily family) => family switch
    {
        NetworkFamily.U2Net => key.StartsWith("encode_modules.", StringComparison.Ordinal),
        NetworkFamily.UNet => key.StartsWith("in_conv.", StringComparison.Ordinal) || (key.StartsWith("down", StringComparison.Ordinal) && key.Length > 4 && char.IsDigit(key[4])),
        NetworkFamily.UNetPlusPlus => key.StartsWith("conv", StringComparison.Ordinal) && key.IndexOf('.') is var dot and > 0 && key[..dot].EndsWith("_0", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Turns off <c>requires_grad</c> on the encoder's parameters; returns how many parameters (elements) were frozen.</summary>
    /// <exception cref="ArgumentException">The module is not a network whose encoder is known (U²-Net, UNet, UNet++).</exception>
    public static long Freeze(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        NetworkFamily family = CheckpointFormats.FamilyOf(StateDicts.Ordered(module).Select(kv => kv.Key).ToList());
        if (family == NetworkFamily.Unknown)
            throw new ArgumentException($"{module.GetName()} is not a U²-Net, UNet or UNet++, so its encoder is not known", nameof(module));
        long frozen = 0;
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (IsEncoder(name, family))
            {
                parameter.requires_grad = false;
                frozen += parameter.numel();
            }
        }
        return frozen;
    }
}
