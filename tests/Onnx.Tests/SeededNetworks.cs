using System;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.NN;

namespace Segment.Onnx.Tests;

/// <summary>Example networks with reproducible weights for export tests.</summary>
internal static class SeededNetworks
{
    /// <summary>
    /// <paramref name="name"/> after torch.manual_seed(<paramref name="seed"/>) with PyTorch's default
    /// init, then every BatchNorm's running statistics and affine parameters drawn away from their
    /// defaults (mean 0, var 1, gamma 1, beta 0), so that folding them into the convs is really exercised.
    /// The module stays in training mode: export must not need eval() to be called.
    /// </summary>
    public static ISegmentationNetwork Create(string name, long seed)
    {
        torch.manual_seed(seed);
        ISegmentationNetwork network = GeneratedNetworks.Create(name);
        var module = (nn.Module)network;
        using (torch.no_grad())
        {
            foreach (TorchSharp.Modules.BatchNorm2d bn in module.modules().OfType<TorchSharp.Modules.BatchNorm2d>())
            {
                long c = bn.num_features;
                Fill(bn.running_mean!, c, -0.5, 0.5);
                Fill(bn.running_var!, c, 0.5, 1.5);
                Fill(bn.weight!, c, 0.5, 1.5);
                Fill(bn.bias!, c, -0.5, 0.5);
            }
            // [Blocks] layers: the affine parameters of the other norms and PReLU's slopes, away from their defaults too.
            foreach (TorchSharp.Modules.GroupNorm gn in module.modules().OfType<TorchSharp.Modules.GroupNorm>())
            {
                Fill(gn.weight!, gn.weight!.shape[0], 0.5, 1.5);
                Fill(gn.bias!, gn.bias!.shape[0], -0.5, 0.5);
            }
            foreach (TorchSharp.Modules.InstanceNorm2d norm in module.modules().OfType<TorchSharp.Modules.InstanceNorm2d>())
            {
                Fill(norm.weight!, norm.weight!.shape[0], 0.5, 1.5);
                Fill(norm.bias!, norm.bias!.shape[0], -0.5, 0.5);
            }
            foreach (TorchSharp.Modules.PReLU prelu in module.modules().OfType<TorchSharp.Modules.PReLU>())
                Fill(prelu.weight!, prelu.weight!.shape[0], 0.05, 0.5);
        }
        Segment.Runtime.NN.Blocks.FoldCache.Invalidate(module);
        return network;
    }

    /// <summary>A float32 input uniform in [-1, 1), seeded.</summary>
    public static Tensor Input(long seed, params long[] shape)
    {
        torch.manual_seed(seed);
        using Tensor u = torch.rand(shape);
        using Scalar two = 2.0.ToScalar();
        using Tensor doubled = u.mul(two);
        return doubled.sub(Scalars.One);
    }

    private static void Fill(Tensor target, long count, double low, double high)
    {
        using Tensor u = torch.rand(count);
        // Scalars held to the end of the method: one made for a single call can be freed while libtorch reads it.
        using Scalar width = (high - low).ToScalar(), offset = low.ToScalar();
        using Tensor scaled = u.mul(width);
        using Tensor shifted = scaled.add(offset, Scalars.One);
        target.copy_(shifted);
    }
}
