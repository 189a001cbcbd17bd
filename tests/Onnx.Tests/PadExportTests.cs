using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>Constant Pad: fixed amounts, and UNet's pad-to-skip computed from run-time shapes.</summary>
public class PadExportTests
{
    [Theory]
    [InlineData(11, 0f)]
    [InlineData(11, 0.5f)]
    [InlineData(17, 0f)]
    [InlineData(17, -2f)]
    public void Pad_by_fixed_amounts_matches_pytorch(int opset, float value)
    {
        var c = new ExportCase("pad_static", opset);
        string x = c.Input("input", 1, 2, 4, 3);
        c.Output("output", c.Pad(x, new long[] { 0, 0, 1, 2 }, new long[] { 0, 0, 2, 0 }, value));
        ExportResult r = c.Run(Sets.Input(1, 2, 4, 3));
        Assert.Equal(new long[] { 1, 2, 7, 5 }, r.OutputShapes[0]["output"]);
        Assert.Equal(new object?[] { 1L, 2L, 7L, 5L }, r.InferredShape("output"));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void PadToMatch_pads_half_before_rest_after_like_unet_for_odd_differences(int opset)
    {
        var c = new ExportCase("pad_to_match", opset);
        string x = c.Input("x", 1, 2, "h", "w");
        string skip = c.Input("skip", 1, 2, "skip_h", "skip_w");
        c.Output("output", c.PadToMatch(x, skip));
        ExportResult r = c.Run(
            Sets.XSkip(new long[] { 1, 2, 4, 4 }, new long[] { 1, 2, 4, 4 }),     // no difference
            Sets.XSkip(new long[] { 1, 2, 4, 6 }, new long[] { 1, 2, 5, 9 }),     // 1 and 3: more after than before
            Sets.XSkip(new long[] { 1, 2, 2, 2 }, new long[] { 1, 2, 6, 3 }));
        Assert.Equal(new long[] { 1, 2, 5, 9 }, r.OutputShapes[1]["output"]);
        Assert.Equal(new long[] { 1, 2, 6, 3 }, r.OutputShapes[2]["output"]);
    }
}
