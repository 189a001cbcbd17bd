using System;
using System.IO;
using Segment.Imaging;
using Segment.Imaging.Data;
using SixLabors.ImageSharp;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>Each kind of bad data gets one <see cref="DataFileException"/> whose message starts with the file at fault.</summary>
public class BadDataTests
{
    private const int W = TinyDatasets.W, H = TinyDatasets.H;

    [Fact]
    public void An_image_without_its_mask_names_the_image_and_the_expected_mask()
    {
        string root = TinyDatasets.Duts();
        string mask = Path.Combine(root, "DUTS-TR", "DUTS-TR-Mask", "DUTS-TR_001.png");
        File.Delete(mask);
        var e = Fails(Path.Combine(root, "DUTS-TR", "DUTS-TR-Image", "DUTS-TR_001.jpg"), () => Dataset.Open(new DatasetOptions(DatasetLayout.Duts, root)));
        Assert.Contains("image without its mask", e.Message);
        Assert.Contains(mask, e.Message);
    }

    [Fact]
    public void A_mask_without_its_image_names_the_mask()
    {
        string root = TinyDatasets.Folder();
        File.Delete(Path.Combine(root, "images", "s2.png"));
        var e = Fails(Path.Combine(root, "masks", "s2.png"), () => Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root)));
        Assert.Contains("mask without its image", e.Message);
    }

    [Fact]
    public void A_drive_image_without_its_vessel_mask_names_the_image()
    {
        string root = TinyDatasets.Drive();
        string set = Path.Combine(root, "DRIVE", "training");
        File.Delete(Path.Combine(set, "1st_manual", "22_manual1.gif"));
        var e = Fails(Path.Combine(set, "images", "22_training.tif"), () => Dataset.Open(new DatasetOptions(DatasetLayout.Drive, root)));
        Assert.Contains("22_manual1.gif", e.Message);
    }

    [Fact]
    public void A_voc_mask_whose_image_is_missing_names_the_mask()
    {
        string root = TinyDatasets.Voc();
        string year = TinyDatasets.VocYear(root);
        File.Delete(Path.Combine(year, "JPEGImages", "2007_000033.jpg"));
        var e = Fails(Path.Combine(year, "SegmentationClass", "2007_000033.png"), () => Dataset.Open(new DatasetOptions(DatasetLayout.Voc, root)));
        Assert.Contains("mask without its image", e.Message);
    }

    [Fact]
    public void A_mask_of_another_size_names_the_mask_and_both_sizes()
    {
        string root = TinyDatasets.Folder();
        string mask = Path.Combine(root, "masks", "s1.png");
        using (var other = TinyFiles.Gray(W + 1, H, (x, y) => 0))
            TinyFiles.Png(mask, other);
        Dataset data = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root));
        var e = Fails(mask, () => data.Read(1));
        Assert.Contains($"mask is {W + 1}x{H} but its image is {W}x{H}", e.Message);
    }

    [Fact]
    public void A_mask_value_that_is_neither_a_class_nor_255_names_the_mask_value_and_pixel()
    {
        string root = TinyDatasets.Voc();
        string mask = Path.Combine(TinyDatasets.VocYear(root), "SegmentationClass", "2007_000039.png");
        TinyFiles.PalettePng(mask, W, H, (x, y) => x == 3 && y == 2 ? (byte)30 : (byte)0);
        Dataset val = Dataset.Open(new DatasetOptions(DatasetLayout.Voc, root) { Split = "val" });
        var e = Fails(mask, () => val.Read(0));
        Assert.Contains("mask value 30 at pixel (3, 2) is not a class 0..20 or the ignore index 255", e.Message);
    }

    [Fact]
    public void A_drive_vessel_mask_that_is_not_black_and_white_names_the_gif()
    {
        string root = TinyDatasets.Drive();
        string manual = Path.Combine(root, "DRIVE", "training", "1st_manual", "21_manual1.gif");
        using (var grey = TinyFiles.Gray(W, H, (x, y) => 128))
            grey.Save(manual, new SixLabors.ImageSharp.Formats.Gif.GifEncoder());
        Dataset train = Dataset.Open(new DatasetOptions(DatasetLayout.Drive, root));
        var e = Fails(manual, () => train.Read(0));
        Assert.Contains("mask value 128", e.Message);
    }

    [Fact]
    public void A_file_that_does_not_decode_names_the_file()
    {
        string root = TinyDatasets.Duts();
        string image = Path.Combine(root, "DUTS-TR", "DUTS-TR-Image", "DUTS-TR_000.jpg");
        File.WriteAllText(image, "not a jpeg");
        Dataset train = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, root));
        var e = Fails(image, () => train.Read(0));
        Assert.Contains("does not decode as an image", e.Message);
    }

    [Fact]
    public void An_empty_split_names_the_split_file_or_folder()
    {
        string voc = TinyDatasets.Voc();
        string list = TinyFiles.Text(Path.Combine(TinyDatasets.VocYear(voc), "ImageSets", "Segmentation", "val.txt"), "");
        Assert.Contains("empty split", Fails(list, () => Dataset.Open(new DatasetOptions(DatasetLayout.Voc, voc) { Split = "val" })).Message);

        string folder = TinyDatasets.Folder(count: 0);
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "masks"));
        Assert.Contains("empty split", Fails(Path.Combine(folder, "images"), () => Dataset.Open(new DatasetOptions(DatasetLayout.Folder, folder))).Message);
    }

    [Fact]
    public void A_missing_split_file_or_root_is_named()
    {
        string voc = TinyDatasets.Voc();
        string list = Path.Combine(TinyDatasets.VocYear(voc), "ImageSets", "Segmentation", "trainval.txt");
        Fails(list, () => Dataset.Open(new DatasetOptions(DatasetLayout.Voc, voc) { Split = "trainval" }));
        string nowhere = Path.Combine(voc, "nowhere");
        Fails(nowhere, () => Dataset.Open(new DatasetOptions(DatasetLayout.Drive, nowhere)));
    }

    [Fact]
    public void Checking_a_whole_split_reports_the_first_bad_sample_in_dataset_order()
    {
        string root = TinyDatasets.Folder(count: 5);
        foreach (int i in new[] { 3, 1 })
            using (var wrong = TinyFiles.Gray(W, H, (x, y) => 7))
                TinyFiles.Png(Path.Combine(root, "masks", $"s{i}.png"), wrong);
        Dataset data = Dataset.Open(new DatasetOptions(DatasetLayout.Folder, root) { NumClasses = 2 });
        Fails(Path.Combine(root, "masks", "s1.png"), () => data.CheckAll(workers: 3));
        Dataset.Open(new DatasetOptions(DatasetLayout.Folder, TinyDatasets.Folder())).CheckAll();   // a good split passes
    }

    private static DataFileException Fails(string path, Action action)
    {
        var e = Assert.Throws<DataFileException>(action);
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }

    private static DataFileException Fails(string path, Func<object> action) => Fails(path, () => { action(); });
}
