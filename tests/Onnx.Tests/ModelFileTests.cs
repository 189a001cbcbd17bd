using System;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Onnx;
using Segment.Runtime.Onnx.Proto;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>The file itself: header fields, opset range, determinism, atomic and failing saves.</summary>
public class ModelFileTests
{
    /// <summary>A small graph with every kind of node and initializer, built the same way each call.</summary>
    private static OnnxGraphBuilder Sample(int opset = 11)
    {
        var g = new OnnxGraphBuilder("sample", opset);
        string x = g.Input("input", ScalarType.Float32, new OnnxDim[] { "batch", 3, "height", "width" });
        float[] w = Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => (float)Math.Sin(i)).ToArray();
        float[] ones = { 1, 1, 1, 1 }, zeros = { 0, 0, 0, 0 };
        string y = g.ConvBn(x, OnnxTensorData.FromFloats(w, 4, 3, 3, 3), null,
            OnnxTensorData.FromFloats(ones, 4), OnnxTensorData.FromFloats(zeros, 4),
            OnnxTensorData.FromFloats(zeros, 4), OnnxTensorData.FromFloats(ones, 4), 1e-5, "conv", "bn", padding: (1, 1));
        y = g.MaxPool(g.Relu(y), (2, 2), ceilMode: true);
        y = g.ResizeLike(y, x, OnnxInterpolation.Bilinear);
        y = g.PadToMatch(y, x);
        g.Output("output", g.Sigmoid(y), new OnnxDim[] { "batch", 4, "height", "width" });
        g.AddMetadata("mean", "0.485,0.456,0.406");
        return g;
    }

    [Fact]
    public void Nodes_and_initializers_no_output_needs_are_left_out()
    {
        var g = new OnnxGraphBuilder("dead", 11);
        string x = g.Input("input", ScalarType.Float32, new OnnxDim[] { 1, 3, 8, 8 });
        float[] w = Enumerable.Range(0, 2 * 3).Select(i => (float)i).ToArray();
        string kept = g.Conv(x, OnnxTensorData.FromFloats(w, 2, 3, 1, 1), null, "kept");
        g.Relu(g.Conv(x, OnnxTensorData.FromFloats(w, 2, 3, 1, 1), null, "dropped"));   // an undeclared side branch
        g.Output("output", g.Sigmoid(kept));

        ModelProto model = ModelProto.Parser.ParseFrom(g.ToBytes());
        Assert.Equal(new[] { "Conv", "Sigmoid" }, model.Graph.Node.Select(n => n.OpType).ToArray());
        Assert.Equal(new[] { "kept.weight" }, model.Graph.Initializer.Select(t => t.Name).ToArray());
    }

    [Theory]
    [InlineData(11, 6)]
    [InlineData(12, 7)]
    [InlineData(13, 7)]
    [InlineData(14, 7)]
    [InlineData(15, 8)]
    [InlineData(16, 8)]
    [InlineData(17, 8)]
    public void Header_has_ir_version_for_opset_and_producer_segment(int opset, long ir)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(Sample(opset).ToBytes());
        Assert.Equal(ir, model.IrVersion);
        Assert.Equal("segment", model.ProducerName);
        OperatorSetIdProto import = Assert.Single(model.OpsetImport);
        Assert.Equal("", import.Domain);
        Assert.Equal(opset, import.Version);
        Assert.Equal("sample", model.Graph.Name);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(14)]
    [InlineData(17)]
    public void Python_onnx_accepts_the_model_and_reads_the_same_header(int opset)
    {
        string dir = RepoPaths.NewTempDirectory("onnx-header");
        string path = Path.Combine(dir, "sample.onnx");
        Sample(opset).Save(path);
        using var report = System.Text.Json.JsonDocument.Parse(PythonOracle.Run("onnx_check.py", path));
        var root = report.RootElement;
        Assert.Equal(OnnxOpset.IrVersionFor(opset), root.GetProperty("ir_version").GetInt64());
        Assert.Equal(opset, root.GetProperty("opsets").GetProperty("").GetInt32());
        Assert.Equal("segment", root.GetProperty("producer_name").GetString());
        Assert.Equal(new[] { "input" }, root.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "conv.weight", "conv.bias" }, root.GetProperty("initializers").EnumerateArray().Select(e => e.GetString()).Take(2));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(18)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Unsupported_opset_is_rejected_with_the_supported_range(int opset)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxGraphBuilder("g", opset));
        Assert.Equal("opset", e.ParamName);
        Assert.Contains($"opset {opset} is not supported", e.Message);
        Assert.Contains("11 to 17", e.Message);
    }

    [Fact]
    public void Same_calls_give_byte_identical_files()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-determinism");
        string a = Path.Combine(dir, "a.onnx"), b = Path.Combine(dir, "b.onnx");
        Sample().Save(a);
        Sample().Save(b);
        byte[] bytesA = File.ReadAllBytes(a);
        Assert.Equal(bytesA, File.ReadAllBytes(b));
        using var stream = new MemoryStream();
        Sample().Save(stream);
        Assert.Equal(bytesA, stream.ToArray());
        // Saving twice from one builder changes nothing either.
        var g = Sample();
        Assert.Equal(g.ToBytes(), g.ToBytes());
        // And the comparison can fail: another opset gives other bytes.
        Assert.NotEqual(bytesA, Sample(12).ToBytes());
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-replace");
        string path = Path.Combine(dir, "model.onnx");
        File.WriteAllText(path, "old contents");
        Sample().Save(path);
        Assert.Equal(Sample().ToBytes(), File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.onnx" }, Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_into_a_missing_folder_fails_naming_the_path()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-missing");
        string path = Path.Combine(dir, "no-such-folder", "model.onnx");
        var e = Assert.Throws<IOException>(() => Sample().Save(path));
        Assert.Contains(path, e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Save_under_a_file_fails_naming_the_path_and_leaves_the_folder_as_it_was()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-under-file");
        string file = Path.Combine(dir, "not-a-folder");
        File.WriteAllText(file, "x");
        string path = Path.Combine(file, "model.onnx");
        var e = Assert.Throws<IOException>(() => Sample().Save(path));
        Assert.Contains(path, e.Message);
        Assert.Equal(new[] { "not-a-folder" }, Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_graph_without_outputs_is_not_written()
    {
        string dir = RepoPaths.NewTempDirectory("onnx-no-output");
        string path = Path.Combine(dir, "model.onnx");
        var g = new OnnxGraphBuilder("empty");
        g.Relu(g.Input("input", ScalarType.Float32, new OnnxDim[] { 1, 2 }));
        var e = Assert.Throws<InvalidOperationException>(() => g.Save(path));
        Assert.Contains("no outputs", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
