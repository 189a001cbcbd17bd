using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Cli.Inference;
using Segment.Imaging;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// predict's pipeline: decoding of the next image overlaps inference, files come out in input order, and a failure in
/// any stage leaves the images before it written, none after it, and surfaces as the original exception.
/// </summary>
public sealed class PredictionPipelineTests
{
    private static readonly string[] Paths = Enumerable.Range(0, 8).Select(i => $"img{i}.png").ToArray();

    private static int Index(string path) => int.Parse(path[3..^4], System.Globalization.CultureInfo.InvariantCulture);

    private static (RgbImage, RgbImage) Image(string path)
    {
        var image = new RgbImage(2, 1, Enumerable.Repeat((float)Index(path), 6).ToArray());
        return (image, image);
    }

    private static IReadOnlyList<string> Written(string path, RgbImage original, RgbImage input, float[] probabilities) => [path + ".png"];

    [Fact]
    public void Every_image_is_written_in_input_order_and_the_next_is_decoded_during_inference()
    {
        var decodeStarted = new ConcurrentDictionary<int, ManualResetEventSlim>(Enumerable.Range(0, Paths.Length).Select(i => KeyValuePair.Create(i, new ManualResetEventSlim())));
        var reported = new List<string>();
        int overlapped = 0;
        PredictionPipeline.Run(Paths,
            path => { decodeStarted[Index(path)].Set(); return Image(path); },
            input =>
            {
                int i = (int)input.Pixels[0];
                // The reader runs ahead: image i + 1 starts decoding while image i is in the network.
                if (i + 1 < Paths.Length && decodeStarted[i + 1].Wait(TimeSpan.FromSeconds(10)))
                    overlapped++;
                return [i];
            },
            (path, original, input, p) => { Assert.Equal(Index(path), (int)p[0]); return Written(path, original, input, p); },
            (path, files) => reported.Add(files[0]));
        Assert.Equal(Paths.Select(p => p + ".png"), reported);
        Assert.Equal(Paths.Length - 1, overlapped);
    }

    [Fact]
    public void An_unreadable_image_stops_the_run_after_the_images_before_it()
    {
        var reported = new List<string>();
        var error = Assert.Throws<InvalidDataException>(() => PredictionPipeline.Run(Paths,
            path => Index(path) == 5 ? throw new InvalidDataException($"{path}: not an image") : Image(path),
            input => [input.Pixels[0]], Written, (path, files) => reported.Add(path)));
        Assert.Equal("img5.png: not an image", error.Message);
        Assert.Equal(Paths.Take(5), reported);
    }

    [Fact]
    public void A_failed_write_or_inference_surfaces_as_its_own_exception_without_hanging()
    {
        var reported = new List<string>();
        var write = Assert.Throws<IOException>(() => PredictionPipeline.Run(Paths, Image, input => [input.Pixels[0]],
            (path, original, input, p) => Index(path) == 3 ? throw new IOException("disk full") : Written(path, original, input, p),
            (path, files) => reported.Add(path)));
        Assert.Equal("disk full", write.Message);
        Assert.Equal(Paths.Take(3), reported);

        reported.Clear();
        var infer = Assert.Throws<InvalidOperationException>(() => PredictionPipeline.Run(Paths, Image,
            input => input.Pixels[0] == 2 ? throw new InvalidOperationException("too large") : [input.Pixels[0]],
            Written, (path, files) => reported.Add(path)));
        Assert.Equal("too large", infer.Message);
        Assert.Equal(Paths.Take(2), reported);
    }
}
