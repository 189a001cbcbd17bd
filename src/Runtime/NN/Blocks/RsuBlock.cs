using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// U²-Net's residual U-block, written once and reused by every stage of every U²-Net declaration (as TorchVision
/// reuses BasicBlock), with the seed's children <c>conv_in</c>, <c>encode_modules.{j}</c>, <c>decode_modules.{j}</c>
/// (all <see cref="ConvBnRelu"/>), so checkpoints load unchanged.
/// <para>RSU-L (height L >= 2; in, mid, out):
/// <c>x_in = conv_in(x)</c>; <c>e0 = E0(x_in)</c>; for j = 1 .. L-2: <c>e_j = E_j(maxpool2x2_ceil(e_{j-1}))</c>;
/// <c>e_{L-1} = E_{L-1}(e_{L-2})</c> (dilation 2, no pooling); <c>d0 = D0(cat(e_{L-1}, e_{L-2}))</c>; for
/// i = 1 .. L-2: <c>d_i = D_i(cat(resize_bilinear(d_{i-1}, like e_{L-2-i}), e_{L-2-i}))</c>; <c>y = d_{L-2} + x_in</c>.</para>
/// <para>RSU-4F (dilated, no resampling): encoders at dilation 1, 2, 4, 8 one after the other; decoders at 4, 2, 1 on
/// <c>cat(deeper, skip)</c>; <c>y = d2 + x_in</c>.</para>
/// The last decoder outputs <c>out</c> channels, the others <c>mid</c>; every map keeps its input's size.
/// </summary>
public sealed class RsuBlock : torch.nn.Module<Tensor, Tensor>
{
    private readonly ConvBnRelu conv_in;
    private readonly ConvBnRelu[] encoders;
    private readonly ConvBnRelu[] decoders;

    /// <param name="height">L of RSU-L (2 or more); 4 for RSU-4F</param>
    /// <param name="inChannels">channels of the stage's input</param>
    /// <param name="midChannels">channels inside the U</param>
    /// <param name="outChannels">channels of the output (and of conv_in, for the residual)</param>
    /// <param name="dilated">RSU-4F: dilated convolutions instead of poolings</param>
    /// <param name="options">[Blocks]: the norm and activation of every layer (the seed's BatchNorm and ReLU by default)</param>
    public RsuBlock(int height, long inChannels, long midChannels, long outChannels, bool dilated = false, BlockOptions? options = null) : base(dilated ? "RSU4F" : "RSU" + height)
    {
        if (dilated ? height != 4 : height < 2)
            throw new ArgumentOutOfRangeException(nameof(height), height, dilated ? "RSU-4F has height 4" : "an RSU block has height 2 or more");
        Height = height;
        Dilated = dilated;
        conv_in = new ConvBnRelu(inChannels, outChannels, options: options);
        var encode = new List<ConvBnRelu> { new(outChannels, midChannels, options: options) };
        var decode = new List<ConvBnRelu>();
        if (dilated)
        {
            foreach (long d in new long[] { 2, 4, 8 })
                encode.Add(new ConvBnRelu(midChannels, midChannels, dilation: d, options: options));
            decode.Add(new ConvBnRelu(2 * midChannels, midChannels, dilation: 4, options: options));
            decode.Add(new ConvBnRelu(2 * midChannels, midChannels, dilation: 2, options: options));
        }
        else
        {
            for (int j = 0; j < height - 2; j++)
                encode.Add(new ConvBnRelu(midChannels, midChannels, options: options));
            encode.Add(new ConvBnRelu(midChannels, midChannels, dilation: 2, options: options));
            for (int i = 0; i < height - 2; i++)
                decode.Add(new ConvBnRelu(2 * midChannels, midChannels, options: options));
        }
        decode.Add(new ConvBnRelu(2 * midChannels, outChannels, options: options));
        encoders = encode.ToArray();
        decoders = decode.ToArray();
        register_module("conv_in", conv_in);
        register_module("encode_modules", new ModuleList<torch.nn.Module>(encoders));
        register_module("decode_modules", new ModuleList<torch.nn.Module>(decoders));
    }

    /// <summary>L of RSU-L; 4 for RSU-4F.</summary>
    public int Height { get; }

    /// <summary>RSU-4F: dilations instead of poolings.</summary>
    public bool Dilated { get; }

    public override Tensor forward(Tensor x)
    {
        // Children through call() (their hooks fire); every intermediate disposed after its last use, as the
        // generated forwards do (the activation-memory estimate assumes it).
        Tensor x_in = conv_in.call(x);
        var skips = new Tensor[encoders.Length];
        skips[0] = encoders[0].call(x_in);
        for (int j = 1; j < encoders.Length; j++)
        {
            bool pools = !Dilated && j < encoders.Length - 1;
            using Tensor input = pools ? torch.nn.functional.max_pool2d(skips[j - 1], Pair2, Pair2, ceil_mode: true) : skips[j - 1].alias();
            skips[j] = encoders[j].call(input);
        }
        Tensor deeper = skips[^1];
        for (int i = 0; i < decoders.Length; i++)
        {
            Tensor skip = skips[encoders.Length - 2 - i];
            bool resizes = !Dilated && i > 0;
            using Tensor up = resizes
                ? torch.nn.functional.interpolate(deeper, size: new[] { skip.size(2), skip.size(3) }, mode: torch.InterpolationMode.Bilinear, align_corners: false)
                : deeper.alias();
            deeper.Dispose();
            using Tensor cat = torch.cat(new[] { up, skip }, 1);
            skip.Dispose();
            deeper = decoders[i].call(cat);
        }
        Tensor y = deeper.add(x_in, Scalars.One);
        deeper.Dispose();
        x_in.Dispose();
        return y;
    }

    /// <summary>
    /// The block on the ONNX graph, layer for layer as <see cref="forward"/>; <paramref name="prefix"/> is the stage's
    /// state_dict path, <paramref name="level"/> how many ceil-mode halvings its input is from the network's (for
    /// the static sizes of the resizes).
    /// </summary>
    public string ExportOnnx(Onnx.OnnxNetworkExport onnx, string x, string prefix, int level)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        string x_in = onnx.ConvBnRelu(x, conv_in, prefix + ".conv_in");
        var skips = new string[encoders.Length];
        skips[0] = onnx.ConvBnRelu(x_in, encoders[0], prefix + ".encode_modules.0");
        for (int j = 1; j < encoders.Length; j++)
        {
            bool pools = !Dilated && j < encoders.Length - 1;
            skips[j] = onnx.ConvBnRelu(pools ? onnx.MaxPoolCeil(skips[j - 1]) : skips[j - 1], encoders[j], $"{prefix}.encode_modules.{j}");
        }
        string deeper = skips[^1];
        for (int i = 0; i < decoders.Length; i++)
        {
            int skipIndex = encoders.Length - 2 - i;
            string skip = skips[skipIndex];
            bool resizes = !Dilated && i > 0;
            // skip j of an RSU-L sits j poolings below the block's input.
            string up = resizes ? onnx.ResizeLike(deeper, skip, channels: (int)decoders[i - 1].conv.out_channels, level: level + skipIndex) : deeper;
            deeper = onnx.ConvBnRelu(onnx.Graph.Concat(new[] { up, skip }, 1), decoders[i], $"{prefix}.decode_modules.{i}");
        }
        return onnx.Graph.Add(deeper, x_in);
    }

    /// <summary>Children are registered by the constructor under the seed's names; TorchSharp's reflection would add the fields again.</summary>
    protected override void RegisterComponents() { }

    private static readonly long[] Pair2 = { 2, 2 };
}
