using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Imaging.Prediction;
using Segment.Imaging;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>
/// predict's pipeline: decoding of the next image overlaps inference, several images can be in the network at once,
/// files come out in input order, what waits between stages is bounded, and a failure in any stage leaves the images
/// before it written, none after it, and surfaces as the original exception of the first image that failed.
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

    [Fact]
    public void Two_streams_run_two_images_at_once_and_still_write_in_input_order()
    {
        using var bothIn = new Barrier(2);
        var reported = new List<string>();
        int together = 0;
        PredictionPipeline.Run(Paths, Image,
            input =>
            {
                int i = (int)input.Pixels[0];
                // Each pair of images meets inside the network: neither returns until the other has arrived.
                if (bothIn.SignalAndWait(TimeSpan.FromSeconds(10)))
                    Interlocked.Increment(ref together);
                Thread.Sleep(i % 2 == 0 ? 30 : 0);   // the even image finishes last, so results arrive out of order
                return [i];
            },
            (path, original, input, p) => { Assert.Equal(Index(path), (int)p[0]); return Written(path, original, input, p); },
            (path, files) => reported.Add(files[0]),
            streams: 2);
        Assert.Equal(Paths.Select(p => p + ".png"), reported);
        Assert.Equal(Paths.Length, together);
    }

    [Fact]
    public void With_two_streams_a_failure_writes_nothing_after_the_failed_image_even_when_later_images_finish_first()
    {
        var written = new ConcurrentBag<int>();
        var reported = new List<string>();
        var error = Assert.Throws<InvalidOperationException>(() => PredictionPipeline.Run(Paths, Image,
            input =>
            {
                int i = (int)input.Pixels[0];
                if (i == 3)
                {
                    Thread.Sleep(100);   // image 4, on the other stream, is done before image 3 fails
                    throw new InvalidOperationException("image 3 failed");
                }
                return i == 5 ? throw new InvalidOperationException("image 5 failed") : [i];
            },
            (path, original, input, p) => { written.Add(Index(path)); return Written(path, original, input, p); },
            (path, files) => reported.Add(path),
            streams: 2));
        Assert.Equal("image 3 failed", error.Message);
        Assert.Equal(Paths.Take(3), reported);
        Assert.All(written, i => Assert.True(i < 3, $"image {i} was written after image 3 failed"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_slow_writer_holds_back_inference_so_waiting_results_stay_bounded(int streams)
    {
        int inferred = 0, writtenCount = 0, mostWaiting = 0;
        PredictionPipeline.Run(Enumerable.Range(0, 20).Select(i => $"img{i}.png").ToArray(), Image,
            input =>
            {
                int waiting = Interlocked.Increment(ref inferred) - Volatile.Read(ref writtenCount);
                InterlockedMax(ref mostWaiting, waiting);
                return [input.Pixels[0]];
            },
            (path, original, input, p) =>
            {
                Thread.Sleep(5);
                Interlocked.Increment(ref writtenCount);
                return Written(path, original, input, p);
            },
            (path, files) => { },
            streams);
        Assert.Equal(20, writtenCount);
        // Without a bound all 20 would be inferred before most were written; with one: the results held (at most
        // Depth + 1 in the staged shape, streams in the other), the one being written and one in each stream.
        Assert.InRange(mostWaiting, 1, PredictionPipeline.Depth + 1 + 1 + streams);
    }

    [Fact]
    public void Streams_below_one_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionPipeline.Run(Paths, Image, input => [0f], Written, (path, files) => { }, streams: 0));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
