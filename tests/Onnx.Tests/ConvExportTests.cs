using System.Linq;
using Segment.Runtime.Onnx;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>Conv, Conv+BN (folded and not), ConvTranspose against F.conv2d / F.batch_norm / F.conv_transpose2d.</summary>
public class ConvExportTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Conv_with_stride_padding_dilation_and_relu_matches_pytorch_static(int opset)
    {
        var c = new ExportCase("conv_static", opset);
        string x = c.Input("input", 1, 3, 9, 7);
        x = c.Conv(x, "conv", 3, 8, 3, stride: (2, 2), padding: (1, 1));
        x = c.Conv(x, "dilated", 8, 4, 3, padding: (2, 2), dilation: (2, 2), bias: false);
        c.Output("output", c.Relu(x));
        ExportResult r = c.Run(Sets.Input(1, 3, 9, 7));
        Assert.Equal(new long[] { 1, 4, 5, 4 }, r.OutputShapes[0]["output"]);
        // Shape inference must know the static output shape exactly.
        Assert.Equal(new object?[] { 1L, 4L, 5L, 4L }, r.InferredShape("output"));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Grouped_conv_matches_pytorch_with_dynamic_size(int opset)
    {
        var c = new ExportCase("conv_grouped", opset);
        string x = c.Input("input", "batch", 4, "height", "width");
        c.Output("output", c.Conv(x, "grouped", 4, 6, 3, padding: (1, 1), groups: 2));
        ExportResult r = c.Run(Sets.Input(1, 4, 8, 8), Sets.Input(2, 4, 11, 5));
        Assert.Equal(new long[] { 2, 6, 11, 5 }, r.OutputShapes[1]["output"]);
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(11, false)]
    [InlineData(17, true)]
    [InlineData(17, false)]
    public void ConvBn_matches_pytorch_eval_batchnorm_folded_or_not(int opset, bool fold)
    {
        var c = new ExportCase("conv_bn", opset);
        string x = c.Input("input", "batch", 3, "height", "width");
        x = c.ConvBn(x, "block.conv", "block.bn", 3, 8, 3, padding: (1, 1), fold: fold);
        x = c.Relu(x);
        x = c.ConvBn(x, "block2.conv", "block2.bn", 8, 5, 3, padding: (2, 2), dilation: (2, 2), convBias: true, fold: fold);
        c.Output("output", c.Relu(x));
        ExportResult r = c.Run(Sets.Input(1, 3, 8, 8), Sets.Input(2, 3, 9, 13));

        string[] ops = r.Check.GetProperty("ops").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] initializers = r.Check.GetProperty("initializers").EnumerateArray().Select(e => e.GetString()!).ToArray();
        if (fold)
        {
            Assert.Equal(new[] { "Conv", "Relu", "Conv", "Relu" }, ops);
            // Folded weights keep the conv's state_dict names; a bias appears even where the conv had none.
            Assert.Equal(new[] { "block.conv.weight", "block.conv.bias", "block2.conv.weight", "block2.conv.bias" }, initializers);
        }
        else
        {
            Assert.Equal(new[] { "Conv", "BatchNormalization", "Relu", "Conv", "BatchNormalization", "Relu" }, ops);
            Assert.Contains("block.bn.running_var", initializers);
            Assert.DoesNotContain("block.conv.bias", initializers);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Standalone_batchnorm_matches_pytorch(int opset)
    {
        var c = new ExportCase("bn", opset);
        string x = c.Input("input", 2, 6, 5, 3);
        c.Output("output", c.BatchNorm(x, "bn", 6));
        c.Run(Sets.Input(2, 6, 5, 3));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void ConvTranspose_k2_s2_like_unet_up_matches_pytorch(int opset)
    {
        var c = new ExportCase("conv_transpose", opset);
        string x = c.Input("input", "batch", 8, "height", "width");
        c.Output("output", c.ConvTranspose(x, "up1.up", 8, 4, 2, stride: (2, 2)));
        ExportResult r = c.Run(Sets.Input(1, 8, 4, 5), Sets.Input(1, 8, 7, 3));
        Assert.Equal(new long[] { 1, 4, 14, 6 }, r.OutputShapes[1]["output"]);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void ConvTranspose_with_padding_and_output_padding_matches_pytorch(int opset)
    {
        var c = new ExportCase("conv_transpose_pad", opset);
        string x = c.Input("input", 1, 4, 5, 6);
        c.Output("output", c.ConvTranspose(x, "deconv", 4, 3, 3, stride: (2, 2), padding: (1, 1), outputPadding: (1, 1), bias: false));
        ExportResult r = c.Run(Sets.Input(1, 4, 5, 6));
        Assert.Equal(new long[] { 1, 3, 10, 12 }, r.OutputShapes[0]["output"]);
        Assert.Equal(new object?[] { 1L, 3L, 10L, 12L }, r.InferredShape("output"));
    }
}
