using System;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// UNet's Up (milesial/Pytorch-UNet), as children the generated forward calls one by one:
/// <c>x -> (transposed: up = ConvTranspose2d(in, in / 2, 2, stride 2); bilinear: upsample x2, no weights) -> pad to the
/// skip -> [attention: skip' = attention(padded, skip)] -> cat([skip', padded]) -> conv = DoubleConv(in, out, mid)</c>.
/// The forward is the network's (each step with its shape), so this block only holds the children, registered as the
/// seed's state_dict names them: <c>up.weight</c> / <c>up.bias</c> (transposed only), <c>attention.W_g.0.weight</c>, ...
/// (with attention gates), <c>conv.0.weight</c>, ...
/// </summary>
public sealed class UpBlock : torch.nn.Module
{
    private readonly ConvTranspose2d? transposed;
    private readonly AttentionGate? gate;

    /// <param name="inChannels">The decoder map's channels before upsampling (the concatenation's channels with bilinear upsampling).</param>
    /// <param name="outChannels">The DoubleConv's out-channels.</param>
    /// <param name="midChannels">The DoubleConv's mid-channels (the seed's bilinear Up halves them: in / 2).</param>
    /// <param name="bilinear">Bilinear upsampling (no weights) instead of a transposed convolution.</param>
    /// <param name="gate">The skip's attention gate (Attention U-Net), or null for the seed's plain skip.</param>
    /// <param name="options">The DoubleConv's norm, activation, dropout and residual ([Blocks]); null for the seed's.</param>
    public UpBlock(long inChannels, long outChannels, long midChannels, bool bilinear, AttentionGate? gate = null, BlockOptions? options = null)
        : base(nameof(UpBlock))
    {
        if (!bilinear)
        {
            transposed = torch.nn.ConvTranspose2d(inChannels, inChannels / 2, kernel_size: 2L, stride: 2L);
            register_module("up", transposed);
        }
        if (gate is not null)
        {
            this.gate = gate;
            register_module("attention", gate);
        }
        conv = new DoubleConv(inChannels, outChannels, midChannels, options);
        register_module("conv", conv);
    }

    /// <summary>The transposed convolution that doubles the map; a bilinear Up has none.</summary>
    /// <exception cref="InvalidOperationException">The block upsamples bilinearly.</exception>
    public ConvTranspose2d up => transposed ?? throw new InvalidOperationException("a bilinear Up has no transposed convolution");

    /// <summary>The skip's attention gate.</summary>
    /// <exception cref="InvalidOperationException">The network has no attention gates.</exception>
    public AttentionGate attention => gate ?? throw new InvalidOperationException("this Up has no attention gate");

    /// <summary>The DoubleConv on the concatenation.</summary>
    public DoubleConv conv { get; }

    /// <summary>Children are registered under their state_dict names by the constructor; TorchSharp's field reflection would add them twice.</summary>
    protected override void RegisterComponents()
    {
    }
}
