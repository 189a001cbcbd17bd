using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Segment.Imaging.Prediction;

/// <summary>
/// <c>predict</c> over many images as overlapping stages: one thread decodes and prepares the next images, the network
/// runs on <c>streams</c> threads at once (the calling thread first: TorchSharp's dispose scopes and threads stay on it),
/// one thread writes the PNGs, with at most <see cref="Depth"/> images waiting to be run and as many waiting to be
/// written. Images are written and reported in input order. A failure (an unreadable image, a network error, a write
/// error) ends the run as the sequential loop did: the images before it are written, nothing after it, and the
/// original exception of the first image that failed comes out.
/// </summary>
public static class PredictionPipeline
{
    /// <summary>Images each queue holds: enough to hide a slow decode or write behind inference, bounded so memory is not the folder's.</summary>
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
        using var stop = new CancellationTokenSource();
        using var prepared = new BlockingCollection<Prepared>(Depth);
        using var results = new InOrderResults<Predicted>(Depth + streams, stop.Token);
        Task reader = Task.Run(() => Read(paths, prepare, prepared, results, stop.Token));
        Task<ExceptionDispatchInfo?> writer = Task.Factory.StartNew(() => Write(paths.Count, write, report, results),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Task[] others = Enumerable.Range(1, streams - 1)
            .Select(_ => Task.Factory.StartNew(() => Infer(infer, prepared, results, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Infer(infer, prepared, results, stop.Token);
        // The writer ends at the last image or at the first failure in input order; either way nothing more is wanted.
        ExceptionDispatchInfo? failure = writer.Result;
        stop.Cancel();
        Task.WaitAll([reader, .. others]);
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

    // One inference stream. Images arrive in input order, so once an image has failed, every image a stream takes
    // afterwards comes after it and is not needed; the ones before it, still running elsewhere, finish.
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

    // Writes image after image in input order; returns the first failure in that order (the image's own or its write's).
    private static ExceptionDispatchInfo? Write(int count, Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write,
        Action<string, IReadOnlyList<string>> report, InOrderResults<Predicted> results)
    {
        for (int i = 0; i < count; i++)
        {
            (Predicted? item, ExceptionDispatchInfo? earlier) = results.Take(i);
            if (earlier is not null)
                return earlier;
            try
            {
                report(item!.Path, write(item.Path, item.Original, item.Input, item.Probabilities));
            }
            catch (Exception e)
            {
                var failure = ExceptionDispatchInfo.Capture(e);
                results.Fail(i, failure);   // the reader and the streams stop at their next step
                return failure;
            }
        }
        return null;
    }
}
