using System;
using System.IO;
using System.Linq;
using Segment.Imaging;
using Segment.Imaging.Data;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>Each layout read from tiny files in that layout: pairing, splits, and the decoded mask values.</summary>
public class LayoutTests
{
    private const int W = TinyDatasets.W, H = TinyDatasets.H;

    [Fact]
    public void Duts_pairs_images_and_masks_by_stem_per_split_and_keeps_grey_levels()
    {
        string root = TinyDatasets.Duts();
        Dataset train = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, root));
        Dataset val = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, root) { Split = "val" });

        Assert.Equal(["DUTS-TR_000", "DUTS-TR_001"], train.Samples.Select(s => s.Id));
        Assert.Equal(["DUTS-TE_000", "DUTS-TE_001"], val.Samples.Select(s => s.Id));
        Assert.All(train.Samples, s => Assert.EndsWith(Path.Combine("DUTS-TR-Mask", s.Id + ".png"), s.Mask));
        Assert.Equal(MaskKind.Saliency, train.Reader.Kind);

        Sample sample = train.Read(1);
        Assert.Equal((W, H), (sample.Image.Width, sample.Image.Height));
        Assert.Equal(Expected(TinyDatasets.Saliency), sample.Mask.Values);
        // JPEG at quality 100 is near, not equal: the image is the right one, within a few levels.
        Assert.InRange(sample.Image.Pixels[W * H + 3 * W + 2] * 255, TinyFiles.ColorAt(2, 3).G - 6, TinyFiles.ColorAt(2, 3).G + 6);

        // One set folder as the root reads that set whatever the split.
        Dataset single = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, Path.Combine(root, "DUTS-TE")));
        Assert.Equal(val.Samples.Select(s => s.Id), single.Samples.Select(s => s.Id));
    }

    [Fact]
    public void Folder_reads_lossless_images_exactly_and_class_masks_when_given_a_class_count()
    {
        string root = TinyDatasets.Folder();
        Dataset saliency = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root));
        Dataset classes = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root) { NumClasses = 2 });

        Assert.Equal(["s0", "s1", "s2"], saliency.Samples.Select(s => s.Id));
        Assert.Equal(MaskKind.Saliency, saliency.Reader.Kind);
        Assert.Equal(MaskKind.Classes, classes.Reader.Kind);
        Sample s1 = classes.Read(1);
        Assert.Equal(Expected((x, y) => (byte)((x + 1) % 2)), s1.Mask.Values);
        var c = TinyFiles.ColorAt(4, 2);
        Assert.Equal(c.R / 255f, s1.Image.Pixels[2 * W + 4]);
        Assert.Equal(c.G / 255f, s1.Image.Pixels[W * H + 2 * W + 4]);
        Assert.Equal(c.B / 255f, s1.Image.Pixels[2 * W * H + 2 * W + 4]);
    }

    [Fact]
    public void Drive_reads_tif_and_gif_and_marks_outside_the_field_of_view_as_ignored()
    {
        string root = TinyDatasets.Drive();
        Dataset train = Dataset.Open(new DatasetOptions(DatasetLayout.Drive, root));
        Dataset test = Dataset.Open(new DatasetOptions(DatasetLayout.Drive, root) { Split = "test" });

        Assert.Equal(["21", "22"], train.Samples.Select(s => s.Id));
        Assert.Equal(["01", "02"], test.Samples.Select(s => s.Id));
        Assert.EndsWith(Path.Combine("mask", "01_test_mask.gif"), test.Samples[0].FieldOfView);
        Assert.Equal(2, train.Reader.NumClasses);

        Sample sample = train.Read(0);
        Assert.Equal(Expected((x, y) => !TinyDatasets.InsideFieldOfView(x, y) ? (byte)255 : TinyDatasets.Vessel(x, y) ? (byte)1 : (byte)0), sample.Mask.Values);
        // TIFF is lossless: the pixels are the ones written.
        Assert.Equal(TinyFiles.ColorAt(5, 3).B / 255f, sample.Image.Pixels[2 * W * H + 3 * W + 5]);
    }

    [Theory]
    [InlineData("training", "val", new[] { "21", "22" })]
    [InlineData("test", "train", new[] { "01", "02" })]
    public void Drive_takes_a_split_folder_as_its_root_and_reads_that_split_whatever_the_split_option(string folder, string split, string[] ids)
    {
        string root = TinyDatasets.Drive();
        // Renamed, so the split is known from the files ({n}_training.tif), not from the folder's name.
        string moved = Path.Combine(root, "mine-" + folder);
        Directory.Move(Path.Combine(root, "DRIVE", folder), moved);

        Dataset set = Dataset.Open(new DatasetOptions(DatasetLayout.Drive, moved) { Split = split });

        Assert.Equal(ids, set.Samples.Select(s => s.Id));
        Assert.EndsWith(Path.Combine("mask", $"{ids[0]}_{folder}_mask.gif"), set.Samples[0].FieldOfView);
    }

    [Fact]
    public void A_drive_folder_that_mixes_splits_is_refused_naming_what_it_found()
    {
        string root = TinyDatasets.Drive();
        string images = Path.Combine(root, "DRIVE", "training", "images");
        File.Copy(Path.Combine(root, "DRIVE", "test", "images", "01_test.tif"), Path.Combine(images, "01_test.tif"));

        var e = Assert.Throws<DataFileException>(() => Dataset.Open(new DatasetOptions(DatasetLayout.Drive, Path.Combine(root, "DRIVE", "training"))));

        Assert.Contains("not one DRIVE split", e.Message);
        Assert.Contains("'test'", e.Message);
    }

    [Fact]
    public void Voc_reads_the_split_files_ids_and_palette_indices_with_255_borders()
    {
        string root = TinyDatasets.Voc();
        Dataset train = Dataset.Open(new DatasetOptions(DatasetLayout.Voc, root));
        Dataset val = Dataset.Open(new DatasetOptions(DatasetLayout.Voc, root) { Split = "val" });

        Assert.Equal(["2007_000032", "2007_000033"], train.Samples.Select(s => s.Id));
        Assert.Equal(["2007_000039"], val.Samples.Select(s => s.Id));
        Assert.Equal(21, train.Reader.NumClasses);
        Sample sample = val.Read(0);
        Assert.Equal(Expected(TinyDatasets.VocClass), sample.Mask.Values);
        Assert.Contains((byte)255, sample.Mask.Values);
    }

    [Fact]
    public void Layout_names_parse_in_any_case_and_an_unknown_one_lists_the_four()
    {
        Assert.Equal(DatasetLayout.Drive, DatasetLayouts.Parse("DRIVE"));
        Assert.Equal(DatasetLayout.Folder, DatasetLayouts.Parse("folder"));
        var e = Assert.Throws<ArgumentException>(() => DatasetLayouts.Parse("coco"));
        Assert.Contains("duts, folder, drive, voc", e.Message);
    }

    internal static byte[] Expected(Func<int, int, byte> value)
    {
        var v = new byte[W * H];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                v[y * W + x] = value(x, y);
        return v;
    }
}
