using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Segment.Imaging;
using Segment.Imaging.Data;
using Segment.TestSupport;
using Xunit;

namespace Segment.Data.Tests;

/// <summary>
/// Small files that would take gigabytes, and special files named like images: each is refused with one
/// <see cref="DataFileException"/> naming it, before the pixels are decoded (bounded by the bytes the test thread
/// allocates) or the file is opened (bounded in time: a FIFO must not block).
/// </summary>
[Collection(ImageLimitsCollection.Name)]
public sealed class HostileImageTests
{
    private const long AllocationBound = 16 << 20;
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);

    private readonly string _dir = RepoPaths.NewTempDirectory("hostile-images");

    /// <summary>Every kind with sides drawn past the default bound (seeded, so a failure reproduces).</summary>
    public static IEnumerable<object[]> OversizedHeaders()
    {
        var random = new Random(20);
        foreach (HostileImages.Kind kind in Enum.GetValues<HostileImages.Kind>())
            for (int i = 0; i < 3; i++)
            {
                int width = random.Next(8193, 60000), height = random.Next((int)(ImageLimits.DefaultMaxPixels / width) + 1, 60000);
                yield return [kind, width, height];
            }
    }

    [Theory]
    [MemberData(nameof(OversizedHeaders))]
    public void A_header_declaring_more_pixels_than_the_bound_is_refused_before_decoding(HostileImages.Kind kind, int width, int height)
    {
        string path = HostileImages.Write(Path.Combine(_dir, $"big-{width}x{height}{HostileImages.Extension(kind)}"), kind, width, height);
        Assert.True(new FileInfo(path).Length < 4096);
        foreach (Func<string, object> read in new Func<string, object>[] { ImageDecoding.ReadRgb, ImageDecoding.ReadGray, ImageDecoding.ReadLabels })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<DataFileException>(() => read(path));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.StartsWith(path + ": image is ", e.Message);
            Assert.Contains($"pixels, more than the {ImageLimits.DefaultMaxPixels:N0} decoded", e.Message);
            Assert.Contains(ImageLimits.MaxPixelsVariable, e.Message);
            Assert.True(allocated < AllocationBound, $"{kind} {width}x{height}: allocated {allocated:N0} bytes");
        }
        // The header's size is still there to read (JPEG and GIF store 16-bit sides).
        bool sixteenBit = kind is HostileImages.Kind.Jpeg or HostileImages.Kind.Gif;
        Assert.Equal(sixteenBit ? (Math.Min(width, 65535), Math.Min(height, 65535)) : (width, height), ImageDecoding.ReadSize(path));
    }

    [Fact]
    public void The_bound_can_be_lowered_and_raised_in_code()
    {
        string path = TinyFiles.Jpeg(Path.Combine(_dir, "small.jpg"), 16, 12);
        try
        {
            ImageLimits.MaxPixels = 16 * 12 - 1;
            var e = Assert.Throws<DataFileException>(() => ImageDecoding.ReadRgb(path));
            Assert.Contains("16 x 12 = 192 pixels, more than the 191 decoded (the bound set in ImageLimits.MaxPixels)", e.Message);
            ImageLimits.MaxPixels = 16 * 12;
            Assert.Equal(16, ImageDecoding.ReadRgb(path).Width);
            Assert.Throws<ArgumentOutOfRangeException>(() => ImageLimits.MaxPixels = 0);
        }
        finally
        {
            ImageLimits.Reset();
        }
        Assert.Equal(ImageLimits.DefaultMaxPixels, ImageLimits.MaxPixels);
    }

    /// <summary>The special files a folder may hold under an image's name.</summary>
    public static TheoryData<string> SpecialKinds => new() { "fifo", "dev-zero-link", "fifo-link", "dangling-link", "loop-link" };

    private static string MakeSpecial(string path, string kind)
    {
        File.Delete(path);
        switch (kind)
        {
            case "fifo":
                MkFifo(path);
                return "is a FIFO (named pipe), not a regular file";
            case "dev-zero-link":
                File.CreateSymbolicLink(path, "/dev/zero");
                return "is a character device, not a regular file";
            case "fifo-link":
                MkFifo(path + ".pipe");
                File.CreateSymbolicLink(path, path + ".pipe");
                return "is a FIFO (named pipe), not a regular file";
            case "dangling-link":
                File.CreateSymbolicLink(path, path + ".gone");
                return "does not exist";
            default:
                File.CreateSymbolicLink(path, path);
                return "Too many levels of symbolic links";
        }
    }

    private static void MkFifo(string path)
    {
        using var mk = Process.Start("mkfifo", path);
        mk.WaitForExit();
    }

    private static T Within<T>(Func<T> work)
    {
        Task<T> task = Task.Run(work);
        Assert.True(task.Wait(Quick), "blocked past " + Quick);
        return task.Result;
    }

    [Theory]
    [MemberData(nameof(SpecialKinds))]
    public void A_special_file_in_any_layout_is_refused_by_name_without_blocking(string kind)
    {
        if (!OperatingSystem.IsLinux()) return;
        // Each layout, with the special file in place of an image, then of a mask (VOC: also its list file).
        var cases = new List<(string Root, DatasetLayout Layout, string Split, string Replaced)>();
        string duts = TinyDatasets.Duts();
        cases.Add((duts, DatasetLayout.Duts, "train", Path.Combine(duts, "DUTS-TR", "DUTS-TR-Image", "DUTS-TR_001.jpg")));
        string dutsMask = TinyDatasets.Duts();
        cases.Add((dutsMask, DatasetLayout.Duts, "train", Path.Combine(dutsMask, "DUTS-TR", "DUTS-TR-Mask", "DUTS-TR_000.png")));
        string folder = TinyDatasets.Folder();
        cases.Add((folder, DatasetLayout.Folder, "train", Path.Combine(folder, "masks", "s1.png")));
        string drive = TinyDatasets.Drive();
        cases.Add((drive, DatasetLayout.Drive, "train", Path.Combine(drive, "DRIVE", "training", "mask", "22_training_mask.gif")));
        string voc = TinyDatasets.Voc();
        cases.Add((voc, DatasetLayout.Voc, "train", Path.Combine(TinyDatasets.VocYear(voc), "SegmentationClass", "2007_000033.png")));
        string vocList = TinyDatasets.Voc();
        cases.Add((vocList, DatasetLayout.Voc, "val", Path.Combine(TinyDatasets.VocYear(vocList), "ImageSets", "Segmentation", "val.txt")));

        foreach (var (root, layout, split, replaced) in cases)
        {
            string problem = MakeSpecial(replaced, kind);
            Exception e = Within(() => Record.Exception(() => Dataset.Open(new DatasetOptions(layout, root) { Split = split }).CheckAll()));
            Assert.NotNull(e);
            // A dangling link is a missing file to the layouts that pair by name; every other case names the file.
            if (kind == "dangling-link" && e.Message.Contains("without its"))
                continue;
            Assert.IsType<DataFileException>(e);
            Assert.Contains(replaced, e.Message);
            Assert.Contains(problem, e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(SpecialKinds))]
    public void Predict_refuses_a_folder_holding_a_special_file_before_the_first_image(string kind)
    {
        if (!OperatingSystem.IsLinux()) return;
        string folder = Path.Combine(_dir, "inputs-" + kind);
        TinyFiles.Jpeg(Path.Combine(folder, "a.jpg"), 8, 8);
        string special = Path.Combine(folder, "b.png");
        string problem = MakeSpecial(special, kind);
        var e = Within(() => Record.Exception(() => Segment.Imaging.Prediction.PredictionInputs.List(folder)));
        Assert.IsAssignableFrom<IOException>(e);
        Assert.Contains(special, e!.Message);
        Assert.Contains(problem, e.Message);
    }
}

/// <summary>Tests that change <see cref="ImageLimits.MaxPixels"/>, a process-wide setting, run apart from the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ImageLimitsCollection
{
    public const string Name = "ImageLimits";
}
