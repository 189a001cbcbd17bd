using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Segment.Imaging.Data;

/// <summary>
/// A split of a dataset: its samples' file paths, paired and checked for missing partners when
/// opened, and the <see cref="SampleReader"/> that decodes and checks each one. Decoding is
/// left to the reader (the loader's worker threads), so opening DUTS's 10,553 pairs reads no pixels.
/// </summary>
public sealed class Dataset
{
    private Dataset(DatasetOptions options, IReadOnlyList<SamplePaths> samples, SampleReader reader)
    {
        Options = options;
        Samples = samples;
        Reader = reader;
    }

    public DatasetOptions Options { get; }
    public IReadOnlyList<SamplePaths> Samples { get; }
    public SampleReader Reader { get; }
    public int Count => Samples.Count;

    /// <summary>Finds the split's files; an image without its mask, the reverse or an empty split throws <see cref="DataFileException"/>.</summary>
    public static Dataset Open(DatasetOptions options)
    {
        if (options is null)
            throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrEmpty(options.Root))
            throw new ArgumentException("a dataset needs a root folder", nameof(options));
        IReadOnlyList<SamplePaths> samples = options.Layout switch
        {
            DatasetLayout.Duts => DutsLayout.Find(options.Root, options.Split),
            DatasetLayout.Folder => FolderLayout.Find(options.Root, options.Split),
            DatasetLayout.Drive => DriveLayout.Find(options.Root, options.Split),
            DatasetLayout.Voc => VocLayout.Find(options.Root, options.Split),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Layout, "unknown layout"),
        };
        return new Dataset(options, samples, ReaderFor(options));
    }

    /// <summary>The first <paramref name="count"/> samples (all of them when there are fewer), e.g. for calibration.</summary>
    public Dataset Take(int count) =>
        count >= Samples.Count ? this : new Dataset(Options, System.Linq.Enumerable.ToList(System.Linq.Enumerable.Take(Samples, Math.Max(count, 1))), Reader);

    /// <summary>Decodes and checks sample <paramref name="index"/>.</summary>
    public Sample Read(int index) => Reader.Read(Samples[index]);

    /// <summary>
    /// Decodes and checks every sample once, <paramref name="workers"/> at a time, so bad data
    /// fails before training starts rather than in the middle of an epoch; throws the
    /// <see cref="DataFileException"/> of the first bad sample in dataset order.
    /// </summary>
    public void CheckAll(int workers = 2)
    {
        if (workers < 1)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker");
        var errors = new DataFileException?[Count];
        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
        {
            try
            {
                Read(i);
            }
            catch (DataFileException e)
            {
                errors[i] = e;
            }
        });
        foreach (DataFileException? e in errors)
            if (e is not null)
                throw e;
    }

    private static SampleReader ReaderFor(DatasetOptions o)
    {
        switch (o.Layout)
        {
            case DatasetLayout.Duts:
                if (o.NumClasses is not null)
                    throw new ArgumentException("duts masks are saliency maps (grey levels); it takes no class count", nameof(o));
                return new SampleReader(MaskKind.Saliency, 0);
            case DatasetLayout.Drive:
                if (o.NumClasses is not null and not 2)
                    throw new ArgumentException($"drive has 2 classes (background, vessel), not {o.NumClasses}", nameof(o));
                return new SampleReader(MaskKind.Classes, 2);
            case DatasetLayout.Voc:
                return new SampleReader(MaskKind.Classes, o.NumClasses ?? 21);
            default:
                return o.NumClasses is int n ? new SampleReader(MaskKind.Classes, n) : new SampleReader(MaskKind.Saliency, 0);
        }
    }
}
