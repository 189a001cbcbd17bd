using Segment.Runtime.Onnx;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>
/// The networks' building blocks end to end: a small RSU (U2Net) and a UNet Up step, static and
/// dynamic, so that ops meet each other's shapes as they will in a generated Export.
/// </summary>
public class CompositeExportTests
{
    [Theory]
    [InlineData(11, false)]
    [InlineData(11, true)]
    [InlineData(17, false)]
    [InlineData(17, true)]
    public void Rsu3_block_matches_pytorch(int opset, bool dynamic)
    {
        var c = new ExportCase("rsu3", opset);
        string x = dynamic ? c.Input("input", "batch", 3, "height", "width") : c.Input("input", 1, 3, 11, 9);
        string xin = c.Relu(c.ConvBn(x, "conv_in.conv", "conv_in.bn", 3, 6, 3, padding: (1, 1)));
        string e1 = c.Relu(c.ConvBn(xin, "enc.0.conv", "enc.0.bn", 6, 4, 3, padding: (1, 1)));
        string p1 = c.MaxPool(e1, (2, 2), ceilMode: true);
        string e2 = c.Relu(c.ConvBn(p1, "enc.1.conv", "enc.1.bn", 4, 4, 3, padding: (1, 1)));
        string e3 = c.Relu(c.ConvBn(e2, "enc.2.conv", "enc.2.bn", 4, 4, 3, padding: (2, 2), dilation: (2, 2)));
        string d1 = c.Relu(c.ConvBn(c.Concat(1, e3, e2), "dec.0.conv", "dec.0.bn", 8, 4, 3, padding: (1, 1)));
        string up = c.ResizeLike(d1, e1, OnnxInterpolation.Bilinear);
        string d2 = c.Relu(c.ConvBn(c.Concat(1, up, e1), "dec.1.conv", "dec.1.bn", 8, 6, 3, padding: (1, 1)));
        string side = c.Conv(c.Add(d2, xin), "side", 6, 1, 3, padding: (1, 1));
        c.Output("output", c.Sigmoid(c.ResizeLike(side, x, OnnxInterpolation.Bilinear)));
        ExportResult r = dynamic
            ? c.Run(Sets.Input(1, 3, 11, 9), Sets.Input(2, 3, 16, 13))
            : c.Run(Sets.Input(1, 3, 11, 9));
        Assert.Equal(new long[] { 1, 1, 11, 9 }, r.OutputShapes[0]["output"]);
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(11, false)]
    [InlineData(17, true)]
    [InlineData(17, false)]
    public void Unet_up_step_matches_pytorch_with_odd_skip(int opset, bool bilinear)
    {
        var c = new ExportCase("unet_up", opset);
        string x = c.Input("x", 1, 8, "h", "w");
        string skip = c.Input("skip", 1, 4, "skip_h", "skip_w");
        string up = bilinear
            ? c.ResizeByScale(x, 2f, OnnxInterpolation.Bilinear, alignCorners: true)
            : c.ConvTranspose(x, "up.up", 8, 4, 2, stride: (2, 2));
        string padded = c.PadToMatch(up, skip);
        int channels = bilinear ? 12 : 8;
        string y = c.Relu(c.ConvBn(c.Concat(1, skip, padded), "up.conv.0", "up.conv.1", channels, 4, 3, padding: (1, 1)));
        c.Output("output", y);
        ExportResult r = c.Run(
            Sets.XSkip(new long[] { 1, 8, 4, 3 }, new long[] { 1, 4, 9, 7 }),   // the skip of an odd-sized input
            Sets.XSkip(new long[] { 1, 8, 5, 5 }, new long[] { 1, 4, 10, 10 }));
        Assert.Equal(new long[] { 1, 4, 9, 7 }, r.OutputShapes[0]["output"]);
    }
}
