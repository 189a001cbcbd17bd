using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Segment.Imaging;

namespace Segment.Cli.Inference;

/// <summary>
/// <c>predict</c> over many images as three overlapping stages: one thread decodes and prepares the next images, the
/// calling thread runs the network (TorchSharp's dispose scopes and threads stay on it), one thread writes the PNGs,
/// with at most <see cref="Depth"/> images waiting between stages. Images are written and reported in input order; a
/// failure (an unreadable image, a network error, a write error) ends the run as the sequential loop did: the images
/// before it are written, nothing after it, and the original exception comes out.
/// </summary>
public static class PredictionPipeline
{
    /// <summary>Images each queue holds: enough to hide a slow decode or write behind inference, bounded so memory is not the folder's.</summary>
    public const int Depth = 2;

    private sealed record Prepared(string Path, RgbImage? Original, RgbImage? Input, ExceptionDispatchInfo? Error);

    private sealed record Predicted(string Path, RgbImage Original, RgbImage Input, float[] Probabilities);

    /// <param name="paths">The images, in the order they are written.</param>
    /// <param name="prepare">Decodes an image and makes the network's input from it (the original kept for the PNGs).</param>
    /// <param name="infer">The probabilities of one prepared input (runs on the calling thread).</param>
    /// <param name="write">Writes one image's PNGs and returns their paths.</param>
    /// <param name="report">Hears each image's written files, in order.</param>
    public static void Run(IReadOnlyList<string> paths, Func<string, (RgbImage Original, RgbImage Input)> prepare, Func<RgbImage, float[]> infer,
        Func<string, RgbImage, RgbImage, float[], IReadOnlyList<string>> write, Action<string, IReadOnlyList<string>> report)
    {
        using var stop = new CancellationTokenSource();
        using var prepared = new BlockingCollection<Prepared>(Depth);
        using var predicted = new BlockingCollection<Predicted>(Depth);
        Task reader = Task.Run(() =>
        {
            try
            {
                foreach (string path in paths)
                {
                    Prepared item;
                    try
                    {
                        (RgbImage original, RgbImage input) = prepare(path);
                        item = new Prepared(path, original, input, null);
                    }
                    catch (Exception e)
                    {
                        prepared.Add(new Prepared(path, null, null, ExceptionDispatchInfo.Capture(e)), stop.Token);
                        return;
                    }
                    prepared.Add(item, stop.Token);
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
        });
        Task writer = Task.Run(() =>
        {
            try
            {
                foreach (Predicted item in predicted.GetConsumingEnumerable())
                    report(item.Path, write(item.Path, item.Original, item.Input, item.Probabilities));
            }
            catch
            {
                stop.Cancel();   // the reader and the inference loop stop at their next step
                throw;
            }
        });
        ExceptionDispatchInfo? failure = null;
        try
        {
            foreach (Prepared item in prepared.GetConsumingEnumerable(stop.Token))
            {
                if (item.Error is not null)
                {
                    failure = item.Error;
                    break;
                }
                predicted.Add(new Predicted(item.Path, item.Original!, item.Input!, infer(item.Input!)), stop.Token);
            }
        }
        catch (OperationCanceledException) when (writer.IsFaulted || stop.IsCancellationRequested)
        {
            // the writer failed: its exception is the one to report
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            stop.Cancel();              // a reader still decoding ahead stops
            predicted.CompleteAdding(); // the writer finishes what came before the failure
        }
        try
        {
            writer.Wait();
        }
        catch (AggregateException e) when (failure is null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException ?? e).Throw();
        }
        catch (AggregateException)
        {
            // the earlier failure is the one to report
        }
        try
        {
            reader.Wait();
        }
        catch (AggregateException)
        {
            // the reader only ever ends by cancellation
        }
        failure?.Throw();
    }
}
