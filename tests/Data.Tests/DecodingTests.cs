using System.IO;
using System.Linq;
using Segment.Imaging;
using Segment.Imaging.Output;
using Segment.Runtime.Data;
using Segment.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>Every format the layouts meet decodes to the pixels written (JPEG within its loss), and prediction maps come back to the original size as the metrics resize them.</summary>
public class DecodingTests
{
    private const int W = 5, H = 3;

    [Theory]
    [InlineData("png")]
    [InlineData("bmp")]
    [InlineData("tif")]
    [InlineData("gif")]
    [InlineData("jpg")]
    public void Each_format_decodes_to_the_written_pixels(string extension)
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("decode"), "image." + extension);
        // A few distinct colours, so a GIF's 256-colour table holds them exactly.
        using (var image = new Image<Rgb24>(W, H))
        {
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                    image[x, y] = (x + y) % 3 == 0 ? new Rgb24(250, 10, 10) : (x + y) % 3 == 1 ? new Rgb24(10, 250, 10) : new Rgb24(10, 10, 250);
            switch (extension)
            {
                case "bmp": image.Save(path, new BmpEncoder()); break;
                case "tif": image.Save(path, new SixLabors.ImageSharp.Formats.Tiff.TiffEncoder()); break;
                case "gif": image.Save(path, new SixLabors.ImageSharp.Formats.Gif.GifEncoder()); break;
                case "jpg": image.Save(path, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 100 }); break;
                default: image.SaveAsPng(path); break;
            }
        }
        RgbImage rgb = ImageDecoding.ReadRgb(path);
        Assert.Equal((W, H), (rgb.Width, rgb.Height));
        Assert.Equal((W, H), ImageDecoding.ReadSize(path));
        float tolerance = extension == "jpg" ? 12 / 255f : 0f;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                float expectedRed = (x + y) % 3 == 0 ? 250 / 255f : 10 / 255f;
                Assert.InRange(rgb.Pixels[y * W + x], expectedRed - tolerance, expectedRed + tolerance);
            }
    }

    [Fact]
    public void Output_maps_resize_like_torch_then_argmax_like_torch()
    {
        var g = new torch.Generator(9);
        using Tensor maps = torch.randn([1, 4, 6, 7], generator: g);
        float[] flat = maps.data<float>().ToArray();
        byte[] ours = PredictionMaps.Argmax(PredictionMaps.ToSize(flat, 4, 6, 7, outWidth: 19, outHeight: 11), 4, 11, 19);
        using Tensor resized = F.interpolate(maps, size: [11, 19], mode: InterpolationMode.Bilinear, align_corners: false);
        using Tensor argmax = resized.argmax(1);
        Assert.Equal(argmax.data<long>().ToArray().Select(v => (byte)v), ours);
        Assert.Equal([0, 0, 1], PredictionMaps.Argmax([1f, 2f, 0f, 1f, 2f, 3f], 2, 1, 3));   // ties go to the first class
    }

    [Fact]
    public void Images_go_to_a_batch_and_maps_come_back_as_planes_unchanged()
    {
        var image = new RgbImage(3, 2, Enumerable.Range(0, 18).Select(i => i / 17f).ToArray());
        using Tensor batch = ImageTensors.to_batch(image);
        Assert.Equal([1L, 3, 2, 3], batch.shape);
        Assert.Equal(image.Pixels[3 * 2 + 4], batch[0, 1, 1, 1].item<float>());
        var (planes, channels, height, width) = ImageTensors.to_planes(batch);
        Assert.Equal((3, 2, 3), (channels, height, width));
        Assert.Equal(image.Pixels, planes);
        using Tensor two = torch.zeros(2, 1, 4, 4);
        Assert.Throws<System.ArgumentException>(() => ImageTensors.to_planes(two));
    }
}
