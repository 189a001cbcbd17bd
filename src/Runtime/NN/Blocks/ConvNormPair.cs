using System.Collections.Generic;
using Segment.Runtime.Onnx;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// What <see cref="DoubleConv"/> and <see cref="VggBlock"/> share, MONAI's two-conv unit:
/// <c>x -> conv1 3x3 -> norm1 -> act1 -> conv2 3x3 -> norm2 [+ shortcut(x)] -> act2 [-> Dropout2d]</c>.
/// The seed's form (<see cref="BlockOptions.Seed"/>) is BatchNorm and in-place ReLU without shortcut or dropout;
/// each BatchNorm is folded into its conv in eval mode without gradients. The shortcut of a residual unit is
/// the input itself when the channels do not change, else a 1x1 conv (no bias) and a norm, children
/// "shortcut.0" and "shortcut.1". The blocks differ only in their children's names (the seeds' state_dict keys)
/// and in whether the 3x3 convs have a bias.
/// </summary>
public abstract class ConvNormPair : FoldingBlock, IOnnxBlock
{
    private readonly FoldedConvBn? first;
    private readonly FoldedConvBn? second;
    private readonly PairNames names;
    private readonly Conv2d? shortcutConv;
    private readonly torch.nn.Module<Tensor, Tensor>? shortcutNorm;
    private readonly torch.nn.Module<Tensor, Tensor>? dropout;

    /// <summary>The children's names: the seed's for the convs and norms, the block's own for the rest.</summary>
    private protected sealed record PairNames(string Conv1, string Norm1, string Act1, string Conv2, string Norm2, string Act2, string Dropout);

    private protected ConvNormPair(string name, long inChannels, long midChannels, long outChannels, bool bias, BlockOptions? options, PairNames names)
        : base(name)
    {
        Options = options ?? BlockOptions.Seed;
        this.names = names;
        conv1 = torch.nn.Conv2d(inChannels, midChannels, 3, padding: 1L, bias: bias);
        norm1 = Options.NewNorm(midChannels);
        act1 = Options.NewActivation();
        conv2 = torch.nn.Conv2d(midChannels, outChannels, 3, padding: 1L, bias: bias);
        norm2 = Options.NewNorm(outChannels);
        act2 = Options.NewActivation();
        register_module(names.Conv1, conv1);
        register_module(names.Norm1, norm1);
        register_module(names.Act1, act1);
        register_module(names.Conv2, conv2);
        register_module(names.Norm2, norm2);
        register_module(names.Act2, act2);
        if (Options.Dropout > 0)
        {
            dropout = torch.nn.Dropout2d(Options.Dropout);
            register_module(names.Dropout, dropout);
        }
        if (Options.Residual && inChannels != outChannels)
        {
            shortcutConv = torch.nn.Conv2d(inChannels, outChannels, 1, bias: false);
            shortcutNorm = Options.NewNorm(outChannels);
            register_module("shortcut", torch.nn.Sequential(("0", shortcutConv), ("1", shortcutNorm)));
        }
        if (norm1 is BatchNorm2d bn1)
            first = new FoldedConvBn(conv1, bn1);
        if (norm2 is BatchNorm2d bn2)
            second = new FoldedConvBn(conv2, bn2);
    }

    /// <summary>The options the block was built with.</summary>
    public BlockOptions Options { get; }

    public Conv2d conv1 { get; }
    public torch.nn.Module<Tensor, Tensor> norm1 { get; }
    public torch.nn.Module<Tensor, Tensor> act1 { get; }
    public Conv2d conv2 { get; }
    public torch.nn.Module<Tensor, Tensor> norm2 { get; }
    public torch.nn.Module<Tensor, Tensor> act2 { get; }

    private protected override IEnumerable<FoldedConvBn> Folds
    {
        get
        {
            if (first is not null)
                yield return first;
            if (second is not null)
                yield return second;
        }
    }

    public override Tensor forward(Tensor input)
    {
        using Tensor hidden = ConvNorm.Activated(first, conv1, norm1, act1, input);
        Tensor output;
        if (!Options.Residual)
            output = ConvNorm.Activated(second, conv2, norm2, act2, hidden);
        else
        {
            Tensor sum = ConvNorm.Normalized(second, conv2, norm2, hidden);
            if (shortcutConv is null)
                sum.add_(input, Scalars.One);
            else
            {
                using Tensor shortcut = ConvNorm.Normalized(null, shortcutConv, shortcutNorm!, input);
                sum.add_(shortcut, Scalars.One);
            }
            output = ConvNorm.Replace(sum, act2.call(sum));
        }
        return dropout is null ? output : ConvNorm.Replace(output, dropout.call(output));
    }

    /// <inheritdoc/>
    public string Export(OnnxNetworkExport onnx, string x, string name)
    {
        string hidden = onnx.Activation(onnx.ConvNorm(x, conv1, norm1, $"{name}.{names.Conv1}", $"{name}.{names.Norm1}"), act1, $"{name}.{names.Act1}");
        string y = onnx.ConvNorm(hidden, conv2, norm2, $"{name}.{names.Conv2}", $"{name}.{names.Norm2}");
        if (Options.Residual)
            y = onnx.Graph.Add(y, shortcutConv is null ? x : onnx.ConvNorm(x, shortcutConv, shortcutNorm!, $"{name}.shortcut.0", $"{name}.shortcut.1"));
        return onnx.Activation(y, act2, $"{name}.{names.Act2}"); // Dropout2d is the identity in eval mode
    }
}
