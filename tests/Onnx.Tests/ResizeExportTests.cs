using Segment.Runtime.Onnx;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>Resize against F.interpolate: like another tensor (dynamic), to a fixed size, by scale.</summary>
public class ResizeExportTests
{
    [Theory]
    [InlineData(11, false)]
    [InlineData(11, true)]
    [InlineData(13, false)]
    [InlineData(17, false)]
    [InlineData(17, true)]
    public void Bilinear_resize_to_another_tensors_size_matches_pytorch(int opset, bool alignCorners)
    {
        var c = new ExportCase("resize_like", opset);
        string x = c.Input("x", 1, 3, "h", "w");
        string skip = c.Input("skip", 1, 3, "skip_h", "skip_w");
        c.Output("output", c.ResizeLike(x, skip, OnnxInterpolation.Bilinear, alignCorners));
        ExportResult r = c.Run(
            Sets.XSkip(new long[] { 1, 3, 3, 2 }, new long[] { 1, 3, 9, 7 }),    // U2Net's decoder: odd skip sizes
            Sets.XSkip(new long[] { 1, 3, 5, 5 }, new long[] { 1, 3, 9, 10 }),
            Sets.XSkip(new long[] { 1, 3, 4, 5 }, new long[] { 1, 3, 1, 3 }));   // output length 1: half_pixel, not pytorch_half_pixel
        Assert.Equal(new long[] { 1, 3, 9, 7 }, r.OutputShapes[0]["output"]);
        Assert.Equal(new long[] { 1, 3, 1, 3 }, r.OutputShapes[2]["output"]);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(17)]
    public void Bilinear_upsample_x2_align_corners_like_unet_matches_pytorch(int opset)
    {
        var c = new ExportCase("upsample_x2", opset);
        string x = c.Input("input", "batch", 4, "height", "width");
        c.Output("output", c.ResizeByScale(x, 2f, OnnxInterpolation.Bilinear, alignCorners: true));
        ExportResult r = c.Run(Sets.Input(1, 4, 3, 5), Sets.Input(2, 4, 4, 4));
        Assert.Equal(new long[] { 1, 4, 6, 10 }, r.OutputShapes[0]["output"]);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Bilinear_upsample_x2_half_pixel_matches_pytorch_static(int opset)
    {
        var c = new ExportCase("upsample_x2_static", opset);
        string x = c.Input("input", 1, 2, 5, 3);
        c.Output("output", c.ResizeByScale(x, 2f, OnnxInterpolation.Bilinear));
        ExportResult r = c.Run(Sets.Input(1, 2, 5, 3));
        Assert.Equal(new object?[] { 1L, 2L, 10L, 6L }, r.InferredShape("output"));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(17)]
    public void Nearest_resize_by_size_and_by_scale_matches_pytorch(int opset)
    {
        var c = new ExportCase("nearest", opset);
        string x = c.Input("input", "batch", 2, "height", "width");
        c.Output("sized", c.Resize(x, 7, 5, OnnxInterpolation.Nearest));
        c.Output("scaled", c.ResizeByScale(x, 2f, OnnxInterpolation.Nearest));
        c.Output("bilinear_sized", c.Resize(x, 4, 9, OnnxInterpolation.Bilinear));
        ExportResult r = c.Run(Sets.Input(1, 2, 3, 4), Sets.Input(1, 2, 9, 11));
        Assert.Equal(new long[] { 1, 2, 7, 5 }, r.OutputShapes[1]["sized"]);
        Assert.Equal(new long[] { 1, 2, 18, 22 }, r.OutputShapes[1]["scaled"]);
    }
}
