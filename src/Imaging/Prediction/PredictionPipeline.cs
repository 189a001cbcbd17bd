using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Segment.Imaging.Prediction;

/// <summary>
/// <c>predict</c> over many images, with decoding, inference and PNG writing overlapped, in one of two shapes:
/// <list type="bullet">
/// <item>One image in the network at a time (<c>streams</c> 1: TorchSharp, tiles, sizes that vary): three stages. One
/// thread decodes and prepares the next images, the calling thread runs the network (TorchSharp's dispose scopes and
/// threads stay on it), one thread writes the PNGs, with at most <see cref="Depth"/> images waiting between stages.</item>
/// <item>Several (an image per core, one thread each): that many streams, the calling thread one of them, each taking
/// the next image and decoding, running and writing it itself, so there are no more busy threads than cores and no
/// thread between stages takes a core from inference. A stream whose result is next in order writes it, and any ready
/// after it; one that is ahead leaves its result for the stream that completes the gap.</item>
/// </list>
/// Either way images are written and reported in input order, and a failure (an unreadable image, a network error, a
/// write error) ends the run as the sequential loop did: the images before it are written, nothing after it, and the
/// original exception of the first image that failed comes out.
/// </summary>
public static class PredictionPipeline
{
    /// <summary>Images each queue of the staged shape holds: enough to hide a slow decode or write behind inference, bounded so memory is not the folder's.</summary>
    public const int Depth = 2;

    private sealed record Prepared(int Index, string Path, RgbImage? Original, RgbImage? Input, ExceptionDispatchInfo? Error);

    private sealed record Predicted(string Path, RgbImage Original, RgbImage Input, float[] Probabilities);

    /// <param name="paths">The images, in the order they are written.</param>
    /// <param name="prepare">Decodes an image and makes the network's input from it (the original kept for the PNGs).</param>
    /// <param name="infer">The probabilities of one prepared input; with <paramref name="streams"/> above 1 it is called from that many threads at once.</param>
    /// <param name="write">Writes one image's PNGs and returns their paths.</param>
    /// <param name="report">Hears each image's written files, in order.</param>
    /// <param name="streams">Images in the network at once, each on its own thread (the caller chooses how many; 1 keeps inference on the calling thread alone).</param>
    public static void Run(IReadOnlyList<string> paths, Func<string, (RgbImage Original, RgbImage Input)> prepare, Func<RgbImage, float[]> infer,
        Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write, Action<string, IReadOnlyList<string>> report, int streams = 1)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        if (streams == 1)
            RunStaged(paths, prepare, infer, write, report);
        else
            RunStreams(paths, prepare, infer, write, report, streams);
    }

    private static void RunStaged(IReadOnlyList<string> paths, Func<string, (RgbImage Original, RgbImage Input)> prepare, Func<RgbImage, float[]> infer,
        Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write, Action<string, IReadOnlyList<string>> report)
    {
        using var stop = new CancellationTokenSource();
        using var prepared = new BlockingCollection<Prepared>(Depth);
        using var results = new InOrderResults<Predicted>(Depth + 1, stop.Token);
        Task reader = Task.Run(() => Read(paths, prepare, prepared, results, stop.Token));
        Task<ExceptionDispatchInfo?> writer = Task.Factory.StartNew(() => WriteInOrder(paths.Count, write, report, results),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Infer(infer, prepared, results, stop.Token);
        // The writer ends at the last image or at the first failure in input order; either way nothing more is wanted.
        ExceptionDispatchInfo? failure = writer.Result;
        stop.Cancel();
        reader.Wait();
        failure?.Throw();
    }

    private static void Read(IReadOnlyList<string> paths, Func<string, (RgbImage Original, RgbImage Input)> prepare, BlockingCollection<Prepared> prepared,
        InOrderResults<Predicted> results, CancellationToken stop)
    {
        try
        {
            for (int i = 0; i < paths.Count && !results.Failed; i++)
            {
                Prepared item;
                try
                {
                    (RgbImage original, RgbImage input) = prepare(paths[i]);
                    item = new Prepared(i, paths[i], original, input, null);
                }
                catch (Exception e)
                {
                    item = new Prepared(i, paths[i], null, null, ExceptionDispatchInfo.Capture(e));
                }
                prepared.Add(item, stop);
                if (item.Error is not null)
                    return;
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended early: nothing more is wanted
        }
        finally
        {
            prepared.CompleteAdding();
        }
    }

    private static void Infer(Func<RgbImage, float[]> infer, BlockingCollection<Prepared> prepared, InOrderResults<Predicted> results, CancellationToken stop)
    {
        try
        {
            foreach (Prepared item in prepared.GetConsumingEnumerable(stop))
            {
                if (results.FailedBefore(item.Index))
                    return;
                if (item.Error is not null)
                {
                    results.Fail(item.Index, item.Error);
                    return;
                }
                float[] probabilities;
                try
                {
                    probabilities = infer(item.Input!);
                }
                catch (Exception e)
                {
                    results.Fail(item.Index, ExceptionDispatchInfo.Capture(e));
                    return;
                }
                results.Put(item.Index, new Predicted(item.Path, item.Original!, item.Input!, probabilities));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the writer has ended the run
        }
    }

    // The staged writer: image after image in input order; returns the first failure in that order (the image's own or its write's).
    private static ExceptionDispatchInfo? WriteInOrder(int count, Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write,
        Action<string, IReadOnlyList<string>> report, InOrderResults<Predicted> results)
    {
        for (int i = 0; i < count; i++)
        {
            (Predicted? item, ExceptionDispatchInfo? earlier) = results.Take(i);
            if (earlier is not null)
                return earlier;
            if (Write(i, item!, write, report, results) is { } failure)
                return failure;
        }
        return null;
    }

    private static void RunStreams(IReadOnlyList<string> paths, Func<string, (RgbImage Original, RgbImage Input)> prepare, Func<RgbImage, float[]> infer,
        Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write, Action<string, IReadOnlyList<string>> report, int streams)
    {
        // A stream that is ahead leaves its result and goes on, up to `streams` results ahead of the next one to write
        // (a slow disk then holds inference back instead of filling memory). The stream with the next image is never
        // held, and it writes, so every wait ends.
        using var results = new InOrderResults<Predicted>(streams, CancellationToken.None);
        var writing = new object();
        int taken = -1;
        void Stream()
        {
            // Images are taken in order, so once one has failed every image not yet taken comes after it.
            for (int i = Interlocked.Increment(ref taken); i < paths.Count && !results.Failed; i = Interlocked.Increment(ref taken))
            {
                try
                {
                    (RgbImage original, RgbImage input) = prepare(paths[i]);
                    results.Put(i, new Predicted(paths[i], original, input, infer(input)));
                }
                catch (Exception e)
                {
                    results.Fail(i, ExceptionDispatchInfo.Capture(e));
                    return;
                }
                WriteReady(results, writing, write, report);
            }
        }
        Task[] others = Enumerable.Range(1, streams - 1)
            .Select(_ => Task.Factory.StartNew(Stream, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Stream();
        Task.WaitAll(others);
        results.FirstFailure?.Throw();
    }

    // Writes the results that are next in order, on whichever stream gets here first; the others go back to inference.
    private static void WriteReady(InOrderResults<Predicted> results, object writing, Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write,
        Action<string, IReadOnlyList<string>> report)
    {
        while (Monitor.TryEnter(writing))
        {
            try
            {
                while (results.TryTakeNext(out int index, out Predicted? item, out ExceptionDispatchInfo? failure))
                {
                    if (failure is not null || Write(index, item!, write, report, results) is not null)
                        return;
                }
            }
            finally
            {
                Monitor.Exit(writing);
            }
            // A result that came in while this stream held the gate found it taken: write it now.
            if (!results.NextReady)
                return;
        }
    }

    // One image's PNGs and its report; a failure is recorded at the image (so nothing after it is written) and returned.
    private static ExceptionDispatchInfo? Write(int index, Predicted item, Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write,
        Action<string, IReadOnlyList<string>> report, InOrderResults<Predicted> results)
    {
        try
        {
            report(item.Path, write(item.Path, item.Original, item.Input, item.Probabilities));
            return null;
        }
        catch (Exception e)
        {
            var failure = ExceptionDispatchInfo.Capture(e);
            results.Fail(index, failure);   // the reader and the streams stop at their next step
            return failure;
        }
    }
}
