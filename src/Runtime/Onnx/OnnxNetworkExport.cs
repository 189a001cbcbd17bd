using System;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;

namespace Segment.Runtime.Onnx;

/// <summary>
/// One export of a generated network: the <see cref="OnnxGraphBuilder"/>, the graph input laid out
/// from <see cref="OnnxExportOptions"/>, and one method per runtime layer, so that the generated
/// <c>ExportOnnx</c> reads as its forward pass, a call per layer. Layers are read in eval semantics
/// (BatchNorm's running statistics) whatever the module's training flag, which is left untouched.
/// </summary>
public sealed partial class OnnxNetworkExport
{
    /// <param name="graphName">The network's command-line name; the graph's name.</param>
    /// <param name="options">Validated here: <see cref="ArgumentException"/> (or its ArgumentOutOfRangeException) says what is wrong.</param>
    /// <param name="inputChannels">C of the NCHW input.</param>
    /// <param name="fixedSize">The size the network's [Input] fixes, or null.</param>
    /// <param name="minimumSize">Smallest H and W the network takes.</param>
    /// <param name="multiple">What a static H and W must be multiples of (UNet++: 2^levels); 1 for any size.</param>
    /// <param name="heads">A UNet++ with deep supervision: its head count, what <see cref="OnnxExportOptions.Head"/> may prune to; 0 for any other network.</param>
    public OnnxNetworkExport(string graphName, OnnxExportOptions options, int inputChannels, (int Height, int Width)? fixedSize, int minimumSize, int multiple = 1, int heads = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        OnnxOpset.Check(options.Opset, nameof(options.Opset));
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1");
        Options = options;
        Batch = options.DynamicBatch ? null : options.BatchSize;
        (Height, Width) = StaticSize(graphName, options, fixedSize, minimumSize);
        if (multiple > 1 && Height is long sh && Width is long sw && (sh % multiple != 0 || sw % multiple != 0))
            throw new ArgumentException($"{graphName} needs H and W multiples of {multiple}, not {sh} x {sw}", nameof(options));
        Heads = CheckHeads(graphName, options.Head, heads);
        (Mean, Std) = Normalisation(graphName, options, inputChannels);
        InputChannels = inputChannels;
        MinimumSize = minimumSize;
        Multiple = multiple;
        Graph = new OnnxGraphBuilder(graphName, options.Opset);
        Input = Graph.Input("input", ScalarType.Float32, new OnnxDim[]
        {
            Batch is long n ? n : "batch",
            inputChannels,
            Height is long h ? h : "height",
            Width is long w ? w : "width",
        });
    }

    public OnnxGraphBuilder Graph { get; }

    public OnnxExportOptions Options { get; }

    /// <summary>The graph input "input" [N, C, H, W].</summary>
    public string Input { get; }

    /// <summary>The fixed batch size, or null when the batch axis is symbolic.</summary>
    public long? Batch { get; }

    /// <summary>The fixed input height, or null when it is symbolic.</summary>
    public long? Height { get; }

    /// <summary>The fixed input width, or null when it is symbolic.</summary>
    public long? Width { get; }

    /// <summary>ConvBnRelu (U²-Net's ConvBNReLU): Conv + norm (BatchNorm folded or not) + activation; weights under "{name}.conv", "{name}.bn" (and "{name}.relu" for a PReLU).</summary>
    public string ConvBnRelu(string x, ConvBnRelu block, string name)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Export(this, x, name);
    }

    /// <summary>A Conv2d with its own stride, padding, dilation and groups; weights under "{name}.weight" / "{name}.bias".</summary>
    public string Conv(string x, Conv2d conv, string name)
    {
        ArgumentNullException.ThrowIfNull(conv);
        return Graph.Conv(x, conv.weight, BiasOf(conv), name, Pair(conv.stride), Pair(conv.padding), Pair(conv.dilation), conv.groups);
    }

    /// <summary>Conv2d then BatchNorm2d in eval mode, folded unless <see cref="OnnxExportOptions.FoldBatchNorm"/> is off.</summary>
    public string ConvBn(string x, Conv2d conv, BatchNorm2d bn, string convName, string bnName)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(bn);
        // Eval semantics need the running statistics and the affine parameters; every generated BN has them.
        Tensor mean = bn.running_mean ?? throw new InvalidOperationException($"{bnName}: a BatchNorm without running statistics has no eval form to export");
        Tensor var = bn.running_var!;
        Tensor gamma = bn.weight ?? throw new InvalidOperationException($"{bnName}: export needs an affine BatchNorm");
        return Graph.ConvBn(x, conv.weight, BiasOf(conv), gamma, bn.bias!, mean, var, bn.eps, convName, bnName,
            Pair(conv.stride), Pair(conv.padding), Pair(conv.dilation), conv.groups, fold: Options.FoldBatchNorm);
    }

    /// <summary>A ConvTranspose2d (UNet's up{k}.up, kernel 2 stride 2); weights under "{name}.weight" / "{name}.bias".</summary>
    public string ConvTranspose(string x, ConvTranspose2d conv, string name)
    {
        ArgumentNullException.ThrowIfNull(conv);
        OnnxTensorData? bias = conv.bias is Tensor b ? OnnxTensorData.FromTensor(b) : null;
        return Graph.ConvTranspose(x, conv.weight, bias, name, Pair(conv.stride), Pair(conv.padding), Pair(conv.output_padding), Pair(conv.dilation), conv.groups);
    }

    /// <summary>max_pool2d(kernel 2, stride 2) in floor mode (UNet, UNet++).</summary>
    public string MaxPoolFloor(string x) => Graph.MaxPool(x, (2, 2), ceilMode: false);

    /// <summary>nn.Upsample(scale_factor 2, bilinear, align_corners true): Resize by constant scales, whose output dims shape inference knows.</summary>
    public string Upsample(string x) => Graph.ResizeByScale(x, 2f, 2f, OnnxInterpolation.Bilinear, alignCorners: true);

    /// <summary>
    /// UNet's pad of the upsampled map <paramref name="x"/> to its skip's H x W (diff / 2 before, the rest after).
    /// <paramref name="level"/> is the skip's: how many floor-mode poolings it is from the input. With a static
    /// H and W both sizes are known here (skip floor(H/2^level), upsampled 2*floor(H/2^(level+1))), so the pads
    /// are constants (no node at all when there is nothing to pad) and shape inference keeps every dim;
    /// otherwise they are computed from both shapes at run time (<see cref="OnnxGraphBuilder.PadToMatch"/>).
    /// </summary>
    public string PadToSkip(string x, string skip, int level)
    {
        if (Height is not long h || Width is not long w)
            return Graph.PadToMatch(x, skip);
        long dh = (h >> level) - 2 * (h >> (level + 1));
        long dw = (w >> level) - 2 * (w >> (level + 1));
        if (dh == 0 && dw == 0)
            return x;
        return Graph.Pad(x, new[] { 0L, 0L, dh / 2, dw / 2 }, new[] { 0L, 0L, dh - dh / 2, dw - dw / 2 });
    }

    /// <summary>max_pool2d(kernel 2, stride 2, ceil_mode: true).</summary>
    public string MaxPoolCeil(string x) => Graph.MaxPool(x, (2, 2), ceilMode: true);

    /// <summary>
    /// Bilinear F.interpolate (align_corners false) of <paramref name="x"/> to <paramref name="like"/>'s H x W.
    /// In a fully static export the target is a constant [N, <paramref name="channels"/>, H', W'] with
    /// H' = H halved <paramref name="level"/> times rounding up (the ceil-mode poolings before it), so
    /// shape inference keeps every dim; otherwise the size is read from <paramref name="like"/> at run time.
    /// </summary>
    public string ResizeLike(string x, string like, int channels, int level)
    {
        if (Batch is long n && Height is long h && Width is long w)
            return Graph.ResizeToShape(x, new[] { n, channels, Halved(h, level), Halved(w, level) }, OnnxInterpolation.Bilinear);
        return Graph.ResizeLike(x, like, OnnxInterpolation.Bilinear);
    }

    /// <summary>Declares a graph output; its dims are left to ONNX shape inference (which the tests compare with the generator's).</summary>
    public void Output(string name, string value) => Graph.Output(name, value);

    private static long Halved(long size, int times)
    {
        for (int i = 0; i < times; i++)
            size = (size + 1) / 2;
        return size;
    }

    // TorchSharp keeps a conv's stride, padding and dilation as arrays of one value per spatial dim (or one for both).
    private static (long H, long W) Pair(long[]? s) => s switch
    {
        null or [] => (0, 0),
        [long v] => (v, v),
        [long h, long w] => (h, w),
        _ => throw new ArgumentException($"expected 1 or 2 values, got {s.Length}"),
    };

    private static OnnxTensorData? BiasOf(Conv2d conv) => conv.bias is Tensor b ? OnnxTensorData.FromTensor(b) : null;

    private static (long? Height, long? Width) StaticSize(string network, OnnxExportOptions o, (int Height, int Width)? fixedSize, int minimumSize)
    {
        if (o.Height is not null != o.Width is not null)
            throw new ArgumentException($"{network}: give both Height and Width for a static export, or neither", "options");
        if (o.DynamicSize)
        {
            if (fixedSize is (int fh, int fw))
                throw new ArgumentException($"{network} only takes {fh} x {fw} inputs ([Input] fixes its size): export it with a static size", "options");
            if (o.Height is not null)
                throw new ArgumentException($"{network}: Height/Width set a static size, DynamicSize makes it symbolic: choose one", "options");
            return (null, null);
        }
        int h = o.Height ?? fixedSize?.Height ?? OnnxExportOptions.DefaultSize;
        int w = o.Width ?? fixedSize?.Width ?? OnnxExportOptions.DefaultSize;
        if (fixedSize is (int fh2, int fw2) && (h != fh2 || w != fw2))
            throw new ArgumentException($"{network} only takes {fh2} x {fw2} inputs ([Input] fixes its size), not {h} x {w}", "options");
        if (h < minimumSize || w < minimumSize)
            throw new ArgumentException($"{network} needs inputs of at least {minimumSize} x {minimumSize}, not {h} x {w}", "options");
        if (h > OnnxExportOptions.MaxStaticSize || w > OnnxExportOptions.MaxStaticSize)
            throw new ArgumentException(
                $"{network}: {h} x {w} is larger than an ONNX model can describe exactly: Resize and shape inference compute sizes in float32, " +
                $"exact up to {OnnxExportOptions.MaxStaticSize:N0} (2^24) per side", "options");
        return (h, w);
    }
}
