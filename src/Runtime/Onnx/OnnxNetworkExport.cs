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
public sealed class OnnxNetworkExport
{
    /// <param name="graphName">The network's command-line name; the graph's name.</param>
    /// <param name="options">Validated here: <see cref="ArgumentException"/> (or its ArgumentOutOfRangeException) says what is wrong.</param>
    /// <param name="inputChannels">C of the NCHW input.</param>
    /// <param name="fixedSize">The size the network's [Input] fixes, or null.</param>
    /// <param name="minimumSize">Smallest H and W the network takes.</param>
    public OnnxNetworkExport(string graphName, OnnxExportOptions options, int inputChannels, (int Height, int Width)? fixedSize, int minimumSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        OnnxOpset.Check(options.Opset, nameof(options.Opset));
        if (options.BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1");
        Options = options;
        Batch = options.DynamicBatch ? null : options.BatchSize;
        (Height, Width) = StaticSize(graphName, options, fixedSize, minimumSize);
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

    /// <summary>ConvBnRelu (U²-Net's ConvBNReLU): Conv + BN (folded or not) + Relu; weights under "{name}.conv" and "{name}.bn".</summary>
    public string ConvBnRelu(string x, ConvBnRelu block, string name)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Graph.Relu(ConvBn(x, block.conv, block.bn, name + ".conv", name + ".bn"));
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

    private static (long H, long W) Pair(Size2D s) => (s.H, s.W);

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
        return (h, w);
    }
}
