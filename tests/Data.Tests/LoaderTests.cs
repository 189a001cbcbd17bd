using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Segment.Imaging;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Data.Transforms;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>The loader: per-epoch shuffles fixed by the seed, the same batches on any thread count, reading ahead within its bound.</summary>
public class LoaderTests
{
    private static readonly Lazy<string> Folder = new(() => TinyDatasets.Folder(count: 10));

    private static Dataset Data() => Dataset.Open(new DatasetOptions(DatasetLayout.Folder, Folder.Value) { NumClasses = 2 });

    // Random crops and flips, so the per-sample draws show in the pixels.
    private static ISampleTransform Augment() => new Compose(new RandomCrop(3), RandomFlip.Horizontal(), RandomFlip.Vertical());

    private static List<(string[] Ids, float[] Images, long[] Targets)> Run(SegmentationLoader loader, int epoch) =>
        loader.Epoch(epoch).Select(b =>
        {
            using (b)
                return (b.Ids.ToArray(), b.Images.data<float>().ToArray(), b.Targets.data<long>().ToArray());
        }).ToList();

    [Fact]
    public void Epochs_are_the_same_under_a_seed_whatever_the_worker_count()
    {
        var one = new SegmentationLoader(Data(), Augment(), new LoaderOptions { BatchSize = 3, Seed = 11, Workers = 1, Prefetch = 1 });
        var four = new SegmentationLoader(Data(), Augment(), new LoaderOptions { BatchSize = 3, Seed = 11, Workers = 4, Prefetch = 3 });
        var a = Run(one, 2);
        var b = Run(four, 2);
        Assert.Equal(4, a.Count);                       // 10 samples, the last batch of 1 kept
        Assert.Single(a[3].Ids);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Ids, b[i].Ids);
            Assert.Equal(a[i].Images, b[i].Images);
            Assert.Equal(a[i].Targets, b[i].Targets);
        }
        var other = new SegmentationLoader(Data(), Augment(), new LoaderOptions { BatchSize = 3, Seed = 12 });
        Assert.NotEqual(a.SelectMany(x => x.Ids), Run(other, 2).SelectMany(x => x.Ids));
    }

    [Fact]
    public void Each_epoch_has_its_own_order_covering_every_sample_once()
    {
        var loader = new SegmentationLoader(Data(), Augment(), new LoaderOptions { BatchSize = 4, Seed = 3, DropLast = true });
        Assert.Equal(2, loader.BatchCount);
        int[] e0 = loader.Order(0), e1 = loader.Order(1);
        Assert.Equal(Enumerable.Range(0, 10), e0.OrderBy(i => i));
        Assert.Equal(Enumerable.Range(0, 10), e1.OrderBy(i => i));
        Assert.NotEqual(e0, e1);
        Assert.Equal(e0, loader.Order(0));
        Assert.Equal(e1.Take(8), Run(loader, 1).SelectMany(b => b.Ids).Select(id => int.Parse(id[1..])));

        var ordered = new SegmentationLoader(Data(), Augment(), new LoaderOptions { Shuffle = false });
        Assert.Equal(Enumerable.Range(0, 10), ordered.Order(5));
    }

    [Fact]
    public void Workers_read_ahead_exactly_prefetch_batches_while_the_step_holds_one()
    {
        var loader = new SegmentationLoader(Data(), Augment(), new LoaderOptions { BatchSize = 2, Prefetch = 2, Workers = 2, Seed = 1 });
        using IEnumerator<Batch> batches = loader.Epoch(0).GetEnumerator();
        Assert.True(batches.MoveNext());
        using (batches.Current)
        {
            // The held batch plus two ahead: 3 batches of 2 samples, and no more however long the step takes.
            Assert.True(SpinWait.SpinUntil(() => loader.SamplesRead == 6, TimeSpan.FromSeconds(20)), $"read {loader.SamplesRead} samples ahead");
            Thread.Sleep(300);
            Assert.Equal(6, loader.SamplesRead);
        }
        int seen = 1;
        while (batches.MoveNext())
        {
            batches.Current.Dispose();
            seen++;
        }
        Assert.Equal(5, seen);
        Assert.Equal(2, loader.PeakBatchesAhead);
        Assert.Equal(10, loader.SamplesRead);
    }

    [Fact]
    public void Leaving_an_epoch_early_stops_reading_and_a_bad_file_surfaces_with_its_name()
    {
        var loader = new SegmentationLoader(Data(), Augment(), new LoaderOptions { BatchSize = 1, Prefetch = 1, Shuffle = false });
        foreach (Batch b in loader.Epoch(0))
        {
            b.Dispose();
            break;
        }
        Assert.Equal(2, loader.SamplesRead);   // the batch handed out and the one read ahead, not the other 8

        string root = TinyDatasets.Folder(count: 4);
        string bad = Path.Combine(root, "masks", "s2.png");
        using (var wrong = TinyFiles.Gray(TinyDatasets.W, TinyDatasets.H, (x, y) => 9))
            TinyFiles.Png(bad, wrong);
        var data = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root) { NumClasses = 2 });
        var failing = new SegmentationLoader(data, Augment(), new LoaderOptions { BatchSize = 2, Shuffle = false, Workers = 2 });
        var e = Assert.Throws<DataFileException>(() => Run(failing, 0));
        Assert.Equal(bad, e.FilePath);
        Assert.Contains("mask value 9", e.Message);
    }

    [Fact]
    public void Samples_of_different_sizes_in_one_batch_are_refused_by_name()
    {
        string root = TinyDatasets.Folder(count: 2);
        using (var big = TinyFiles.Rgb(9, 9))
            TinyFiles.Png(Path.Combine(root, "images", "s1.png"), big);
        using (var mask = TinyFiles.Gray(9, 9, (x, y) => 0))
            TinyFiles.Png(Path.Combine(root, "masks", "s1.png"), mask);
        var data = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root) { NumClasses = 2 });
        var loader = new SegmentationLoader(data, new Normalize(MeanStd.ImageNet), new LoaderOptions { BatchSize = 2, Shuffle = false });
        var e = Assert.Throws<InvalidOperationException>(() => Run(loader, 0));
        Assert.Contains("s0 is 6x4", e.Message);
        Assert.Contains("s1 is 9x9", e.Message);
    }
}
