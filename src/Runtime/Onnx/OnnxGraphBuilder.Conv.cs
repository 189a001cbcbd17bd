using System;
using System.Collections.Generic;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

// Convolutions and BatchNorm. Parameters follow nn.Conv2d / F.conv2d (stride, padding per axis,
// symmetric), and weights are stored as "{name}.weight" / "{name}.bias" like the module's state_dict.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>Conv2d. Initializers "{name}.weight" and, when <paramref name="bias"/> is given, "{name}.bias".</summary>
    /// <param name="x">The input value (NCHW).</param>
    /// <param name="weight">[out, in/groups, kH, kW].</param>
    /// <param name="bias">[out], or null for a conv without bias.</param>
    /// <param name="name">The module's state_dict prefix, e.g. "encode_modules.0.conv_in.conv"; also the node's name.</param>
    /// <param name="stride">Default (1, 1).</param>
    /// <param name="padding">PyTorch's symmetric padding (top = bottom = H, left = right = W); default (0, 0).</param>
    /// <param name="dilation">Default (1, 1).</param>
    /// <param name="groups">Default 1.</param>
    public string Conv(string x, OnnxTensorData weight, OnnxTensorData? bias, string name,
        (long H, long W)? stride = null, (long H, long W)? padding = null, (long H, long W)? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight);
        // Everything is checked before the first initializer is added, so a failed call leaves the graph as it was.
        Resolve(x, nameof(x));
        CheckModuleName(name);
        CheckConvWeight(weight, bias, nameof(weight));
        var inputs = new List<string> { x, Initializer(name + ".weight", weight) };
        if (bias is not null)
            inputs.Add(Initializer(name + ".bias", bias));
        return AddNode("Conv", name, inputs, ConvAttributes(weight, stride, padding, dilation, groups));
    }

    /// <summary>
    /// Conv2d followed by an inference-mode BatchNorm2d. With <paramref name="fold"/> (the default) the
    /// BN is folded into the conv on the C# side, in double precision: one Conv node whose
    /// initializers "{convName}.weight" and "{convName}.bias" hold the folded values (a bias is added
    /// even when the conv had none). Without it, a Conv and a BatchNormalization node with the
    /// modules' own state_dict names.
    /// </summary>
    public string ConvBn(string x, OnnxTensorData convWeight, OnnxTensorData? convBias,
        OnnxTensorData bnWeight, OnnxTensorData bnBias, OnnxTensorData runningMean, OnnxTensorData runningVar, double eps,
        string convName, string bnName,
        (long H, long W)? stride = null, (long H, long W)? padding = null, (long H, long W)? dilation = null, long groups = 1,
        bool fold = true)
    {
        ArgumentNullException.ThrowIfNull(convWeight);
        if (!fold)
        {
            string conv = Conv(x, convWeight, convBias, convName, stride, padding, dilation, groups);
            return BatchNormalization(conv, bnWeight, bnBias, runningMean, runningVar, eps, bnName);
        }
        Resolve(x, nameof(x));
        CheckModuleName(convName);
        CheckModuleName(bnName);
        CheckConvWeight(convWeight, convBias, nameof(convWeight));
        (OnnxTensorData w, OnnxTensorData b) = BatchNormFolding.Fold(convWeight, convBias, bnWeight, bnBias, runningMean, runningVar, eps);
        var inputs = new[] { x, Initializer(convName + ".weight", w), Initializer(convName + ".bias", b) };
        return AddNode("Conv", convName, inputs, ConvAttributes(convWeight, stride, padding, dilation, groups));
    }

    /// <summary>
    /// BatchNorm2d in inference mode (running statistics). Initializers "{name}.weight",
    /// "{name}.bias", "{name}.running_mean", "{name}.running_var".
    /// </summary>
    public string BatchNormalization(string x, OnnxTensorData weight, OnnxTensorData bias,
        OnnxTensorData runningMean, OnnxTensorData runningVar, double eps, string name)
    {
        Resolve(x, nameof(x));
        CheckModuleName(name);
        ArgumentNullException.ThrowIfNull(weight);
        foreach (OnnxTensorData t in new[] { weight, bias, runningMean, runningVar })
            if (t is null || t.Rank != 1 || t.Dim(0) != weight.Dim(0))
                throw new ArgumentException($"BatchNorm '{name}': weight, bias, running_mean and running_var must be vectors of one length");
        var inputs = new[]
        {
            x,
            Initializer(name + ".weight", weight),
            Initializer(name + ".bias", bias),
            Initializer(name + ".running_mean", runningMean),
            Initializer(name + ".running_var", runningVar),
        };
        // momentum only matters in training, which an exported model never does; eps is all it needs.
        return AddNode("BatchNormalization", name, inputs, new[] { OnnxProto.Float("epsilon", (float)eps) });
    }

    /// <summary>ConvTranspose2d (nn.ConvTranspose2d's parameters). Weight [in, out/groups, kH, kW].</summary>
    public string ConvTranspose(string x, OnnxTensorData weight, OnnxTensorData? bias, string name,
        (long H, long W)? stride = null, (long H, long W)? padding = null, (long H, long W)? outputPadding = null,
        (long H, long W)? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight);
        Resolve(x, nameof(x));
        CheckModuleName(name);
        if (weight.Rank != 4)
            throw new ArgumentException($"ConvTranspose '{name}': weight {weight} should be [in, out/groups, kH, kW]", nameof(weight));
        long outChannels = weight.Dim(1) * groups;
        if (bias is not null && (bias.Rank != 1 || bias.Dim(0) != outChannels))
            throw new ArgumentException($"ConvTranspose '{name}': bias {bias} should be a vector of {outChannels}", nameof(bias));
        var inputs = new List<string> { x, Initializer(name + ".weight", weight) };
        if (bias is not null)
            inputs.Add(Initializer(name + ".bias", bias));
        var attributes = new List<AttributeProto>(ConvAttributes(weight, stride, padding, dilation, groups));
        (long oh, long ow) = outputPadding ?? (0, 0);
        if (oh != 0 || ow != 0)
            attributes.Add(OnnxProto.Ints("output_padding", oh, ow));
        return AddNode("ConvTranspose", name, inputs, attributes);
    }

    private static AttributeProto[] ConvAttributes(OnnxTensorData weight,
        (long H, long W)? stride, (long H, long W)? padding, (long H, long W)? dilation, long groups)
    {
        if (groups < 1)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be >= 1");
        (long sh, long sw) = stride ?? (1, 1);
        (long ph, long pw) = padding ?? (0, 0);
        (long dh, long dw) = dilation ?? (1, 1);
        // Written out in full (even defaults) so the file says what it computes without the reader's defaults.
        return new[]
        {
            OnnxProto.Ints("dilations", dh, dw),
            OnnxProto.Int("group", groups),
            OnnxProto.Ints("kernel_shape", weight.Dim(2), weight.Dim(3)),
            OnnxProto.Ints("pads", ph, pw, ph, pw),   // ONNX order: all begins, then all ends
            OnnxProto.Ints("strides", sh, sw),
        };
    }

    private static void CheckConvWeight(OnnxTensorData weight, OnnxTensorData? bias, string paramName)
    {
        if (weight.Rank != 4)
            throw new ArgumentException($"conv weight {weight} should be [out, in/groups, kH, kW]", paramName);
        if (bias is not null && (bias.Rank != 1 || bias.Dim(0) != weight.Dim(0)))
            throw new ArgumentException($"conv bias {bias} should be a vector of {weight.Dim(0)} (the weight's output channels)", nameof(bias));
    }

    private static void CheckModuleName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("an op with weights needs its module's state_dict prefix as name, e.g. \"in_conv.0\"", nameof(name));
    }
}
