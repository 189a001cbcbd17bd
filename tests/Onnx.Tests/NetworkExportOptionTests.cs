using System;
using System.IO;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>
/// What the generated export promises besides numbers: identical bytes, clear refusals, no partial files. Alone in
/// its collection: two networks built after one torch.manual_seed have the same weights only when no test in a
/// parallel collection draws from the global torch generator in between.
/// </summary>
[Collection(SeededAlone.Name)]
public sealed class NetworkExportOptionTests
{
    [Fact]
    public void Same_weights_give_byte_identical_models_by_path_and_by_stream()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-determinism");
        using ISegmentationNetwork first = SeededNetworks.Create("u2net-small4", seed: 11);
        using ISegmentationNetwork second = SeededNetworks.Create("u2net-small4", seed: 11);
        using ISegmentationNetwork other = SeededNetworks.Create("u2net-small4", seed: 12);
        var options = new OnnxExportOptions { Opset = 17, DynamicBatch = true };

        first.ExportOnnx(Path.Combine(dir, "a.onnx"), options);
        first.ExportOnnx(Path.Combine(dir, "b.onnx"), options);
        second.ExportOnnx(Path.Combine(dir, "c.onnx"), options);
        other.ExportOnnx(Path.Combine(dir, "d.onnx"), options);
        using var stream = new MemoryStream();
        ((Segment.Examples.Networks.U2NetSmall4)first).ExportOnnx(stream, options);

        byte[] a = File.ReadAllBytes(Path.Combine(dir, "a.onnx"));
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir, "b.onnx")));
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir, "c.onnx")));
        Assert.Equal(a, stream.ToArray());
        Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(dir, "d.onnx")));   // the weights are really in the file
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(18)]
    public void An_unsupported_opset_is_refused_and_nothing_is_written(int opset)
    {
        string dir = RepoPaths.NewTempDirectory("onnx-opset");
        using ISegmentationNetwork network = SeededNetworks.Create("u2net-small4", seed: 1);
        var e = Assert.ThrowsAny<ArgumentException>(() => network.ExportOnnx(Path.Combine(dir, "m.onnx"), new OnnxExportOptions { Opset = opset }));
        Assert.Contains($"opset {opset} is not supported", e.Message);
        Assert.Contains("11 to 17", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void Sizes_the_network_cannot_take_are_refused_with_the_reason()
    {
        using ISegmentationNetwork small4 = SeededNetworks.Create("u2net-small4", seed: 1);
        using ISegmentationNetwork lite = SeededNetworks.Create("u2netp", seed: 1);
        using ISegmentationNetwork unet = SeededNetworks.Create("unet32", seed: 1);
        string path = Path.Combine(RepoPaths.NewTempDirectory("onnx-sizes"), "m.onnx");

        Assert.Contains("only takes 64 x 64", Assert.Throws<ArgumentException>(() => small4.ExportOnnx(path, new OnnxExportOptions { DynamicSize = true })).Message);
        Assert.Contains("only takes 64 x 64", Assert.Throws<ArgumentException>(() => small4.ExportOnnx(path, new OnnxExportOptions { Height = 96, Width = 96 })).Message);
        // A UNet's floor-mode poolings need 2^Depth (a U²-Net takes any size, as the seeds' code does).
        Assert.Contains("at least 16 x 16", Assert.Throws<ArgumentException>(() => unet.ExportOnnx(path, new OnnxExportOptions { Height = 8, Width = 48 })).Message);
        Assert.Contains("both Height and Width", Assert.Throws<ArgumentException>(() => lite.ExportOnnx(path, new OnnxExportOptions { Height = 64 })).Message);
        Assert.Contains("choose one", Assert.Throws<ArgumentException>(() => lite.ExportOnnx(path, new OnnxExportOptions { Height = 64, Width = 64, DynamicSize = true })).Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void An_unwritable_path_throws_an_IOException_naming_it_and_keeps_the_old_file()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-unwritable");
        using ISegmentationNetwork network = SeededNetworks.Create("u2net-small4", seed: 1);
        string missing = Path.Combine(dir, "no-such-folder", "m.onnx");
        var e = Assert.Throws<IOException>(() => network.ExportOnnx(missing));
        Assert.Contains(missing, e.Message);

        // A failure after the target exists (here: options refused) leaves it as it was.
        string existing = Path.Combine(dir, "m.onnx");
        File.WriteAllText(existing, "previous model");
        Assert.ThrowsAny<ArgumentException>(() => network.ExportOnnx(existing, new OnnxExportOptions { Opset = 18 }));
        Assert.Equal("previous model", File.ReadAllText(existing));
        Assert.Equal(new[] { existing }, Directory.GetFiles(dir));   // no temporary file left behind
    }
}

/// <summary>Tests that need the global torch generator to themselves run after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededAlone
{
    public const string Name = "seeded, alone";
}
