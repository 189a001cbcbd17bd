using System.Collections.Generic;
using System.Linq;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Data.Transforms;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>Each layout through the loader with its family's pipeline: batch shapes, dtypes and target values.</summary>
public class LayoutLoaderTests
{
    private static List<Batch> Epoch(Dataset data, ISampleTransform transform, int batchSize) =>
        new SegmentationLoader(data, transform, new LoaderOptions { BatchSize = batchSize, Seed = 5, Workers = 2 }).Epoch(0).ToList();

    [Fact]
    public void Duts_batches_for_u2net_are_288_crops_with_float_targets_in_0_1()
    {
        var data = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, TinyDatasets.Duts()));
        List<Batch> batches = Epoch(data, TransformPresets.U2NetTrain(), batchSize: 2);
        Batch b = Assert.Single(batches);
        using (b)
        {
            Assert.Equal([2L, 3, 288, 288], b.Images.shape);
            Assert.Equal([2L, 1, 288, 288], b.Targets.shape);
            Assert.Equal(ScalarType.Float32, b.Targets.dtype);
            // The ramp's grey levels / 255, nothing interpolated between them.
            var levels = LayoutTests.Expected(TinyDatasets.Saliency).Select(v => v / 255f).ToHashSet();
            Assert.Subset(levels, b.Targets.data<float>().ToHashSet());
        }
    }

    [Fact]
    public void Drive_batches_for_unet_hold_background_vessel_and_ignored_pixels()
    {
        var data = Dataset.Open(new DatasetOptions(DatasetLayout.Drive, TinyDatasets.Drive()));
        List<Batch> batches = Epoch(data, TransformPresets.DriveTrain(baseSize: 8, crop: 6), batchSize: 2);
        Batch b = Assert.Single(batches);
        using (b)
        {
            Assert.Equal([2L, 3, 6, 6], b.Images.shape);
            Assert.Equal([2L, 6, 6], b.Targets.shape);
            Assert.Equal(ScalarType.Int64, b.Targets.dtype);
            Assert.Subset(new long[] { 0, 1, 255 }.ToHashSet(), b.Targets.data<long>().ToHashSet());
            Assert.Contains(1L, b.Targets.data<long>().ToArray());
        }
    }

    [Fact]
    public void Voc_batches_keep_palette_classes_and_the_255_border_at_the_original_size()
    {
        var data = Dataset.Open(new DatasetOptions(DatasetLayout.Voc, TinyDatasets.Voc()));
        List<Batch> batches = Epoch(data, new Normalize(Segment.Imaging.MeanStd.ImageNet), batchSize: 1);
        Assert.Equal(2, batches.Count);
        foreach (Batch b in batches)
            using (b)
                Assert.Equal(LayoutTests.Expected(TinyDatasets.VocClass).Select(v => (long)v), b.Targets.data<long>().ToArray());
    }

    [Fact]
    public void Folder_batches_for_unet_stack_class_masks()
    {
        var data = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, TinyDatasets.Folder()) { NumClasses = 2 });
        List<Batch> batches = Epoch(data, new RandomCrop(4), batchSize: 2);
        Assert.Equal([2, 1], batches.Select(b => b.Count));
        Assert.Equal(["s0", "s1", "s2"], batches.SelectMany(b => b.Ids).OrderBy(s => s));
        foreach (Batch b in batches)
            using (b)
                Assert.Subset(new long[] { 0, 1 }.ToHashSet(), b.Targets.data<long>().ToHashSet());
    }
}
