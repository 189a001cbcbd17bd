using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.Onnx;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>
/// One export test: drives <see cref="OnnxGraphBuilder"/> and, op for op, records the same
/// computation as a PyTorch program (tests/oracles/onnx_reference.py runs it with
/// torch.nn.functional). <see cref="Run"/> then saves the model, has python-onnx check it, runs it
/// in onnxruntime-node and compares with PyTorch. Weights are seeded random values, fresh per case.
/// </summary>
internal sealed class ExportCase
{
    public const double Tolerance = 1e-4;

    private readonly List<Dictionary<string, object?>> _ops = new();
    private readonly Dictionary<string, string> _outputs = new();
    private readonly List<(string Key, float[] Data, long[] Shape)> _weights = new();
    private readonly Random _random;
    private int _temp;

    public ExportCase(string name, int opset, int seed = 1)
    {
        Name = name;
        G = new OnnxGraphBuilder(name, opset);
        _random = new Random(seed);
    }

    public string Name { get; }

    public OnnxGraphBuilder G { get; }

    public string Input(string name, params OnnxDim[] dims) => G.Input(name, ScalarType.Float32, dims);

    public string Conv(string x, string name, int cin, int cout, int k, (long, long)? stride = null, (long, long)? padding = null,
        (long, long)? dilation = null, int groups = 1, bool bias = true)
    {
        (OnnxTensorData w, OnnxTensorData? b) = ConvWeights(name, cin, cout, k, groups, bias);
        string y = G.Conv(x, w, b, name, stride, padding, dilation, groups);
        RecordConv(x, y, name, stride, padding, dilation, groups, bias);
        return y;
    }

    public string ConvBn(string x, string convName, string bnName, int cin, int cout, int k, (long, long)? padding = null,
        (long, long)? dilation = null, bool convBias = false, bool fold = true)
    {
        (OnnxTensorData w, OnnxTensorData? b) = ConvWeights(convName, cin, cout, k, 1, convBias);
        var bn = BnWeights(bnName, cout);
        string y = G.ConvBn(x, w, b, bn.Weight, bn.Bias, bn.Mean, bn.Var, 1e-5, convName, bnName, padding: padding, dilation: dilation, fold: fold);
        string mid = "#t" + _temp++;
        RecordConv(x, mid, convName, null, padding, dilation, 1, convBias);
        RecordBn(mid, y, bnName);
        return y;
    }

    public string BatchNorm(string x, string name, int channels)
    {
        var bn = BnWeights(name, channels);
        string y = G.BatchNormalization(x, bn.Weight, bn.Bias, bn.Mean, bn.Var, 1e-5, name);
        RecordBn(x, y, name);
        return y;
    }

    public string ConvTranspose(string x, string name, int cin, int cout, int k, (long, long)? stride = null,
        (long, long)? padding = null, (long, long)? outputPadding = null, bool bias = true)
    {
        double bound = 1 / Math.Sqrt(cout * k * k);
        OnnxTensorData w = Weight(name + ".weight", new long[] { cin, cout, k, k }, -bound, bound);
        OnnxTensorData? b = bias ? Weight(name + ".bias", new long[] { cout }, -bound, bound) : null;
        string y = G.ConvTranspose(x, w, b, name, stride, padding, outputPadding);
        Record("conv_transpose2d", x, y, ("weight", name + ".weight"), ("bias", bias ? name + ".bias" : null),
            ("stride", Pair(stride ?? (1, 1))), ("padding", Pair(padding ?? (0, 0))), ("output_padding", Pair(outputPadding ?? (0, 0))),
            ("dilation", Pair((1, 1))), ("groups", 1));
        return y;
    }

    public string Relu(string x) => Unary("relu", x, G.Relu(x));

    public string Sigmoid(string x) => Unary("sigmoid", x, G.Sigmoid(x));

    public string Softmax(string x, int axis)
    {
        string y = G.Softmax(x, axis);
        Record("softmax", x, y, ("dim", axis));
        return y;
    }

    public string Add(string a, string b)
    {
        string y = G.Add(a, b);
        _ops.Add(new Dictionary<string, object?> { ["op"] = "add", ["a"] = a, ["b"] = b, ["out"] = y });
        return y;
    }

    public string Concat(int axis, params string[] xs)
    {
        string y = G.Concat(xs, axis);
        _ops.Add(new Dictionary<string, object?> { ["op"] = "cat", ["inputs"] = xs, ["dim"] = axis, ["out"] = y });
        return y;
    }

    public string MaxPool(string x, (long, long) kernel, (long, long)? stride = null, (long, long)? padding = null, bool ceilMode = false)
    {
        string y = G.MaxPool(x, kernel, stride, padding, ceilMode: ceilMode);
        Record("max_pool2d", x, y, ("kernel", Pair(kernel)), ("stride", Pair(stride ?? kernel)), ("padding", Pair(padding ?? (0, 0))),
            ("dilation", Pair((1, 1))), ("ceil_mode", ceilMode));
        return y;
    }

    public string ResizeLike(string x, string like, OnnxInterpolation mode, bool alignCorners = false)
    {
        string y = G.ResizeLike(x, like, mode, alignCorners);
        Record("interpolate", x, y, ("like", like), ("mode", ModeName(mode)), ("align_corners", alignCorners));
        return y;
    }

    public string Resize(string x, long h, long w, OnnxInterpolation mode, bool alignCorners = false)
    {
        string y = G.Resize(x, h, w, mode, alignCorners);
        Record("interpolate", x, y, ("size", new[] { h, w }), ("mode", ModeName(mode)), ("align_corners", alignCorners));
        return y;
    }

    public string ResizeByScale(string x, float scale, OnnxInterpolation mode, bool alignCorners = false)
    {
        string y = G.ResizeByScale(x, scale, scale, mode, alignCorners);
        Record("interpolate", x, y, ("scale", new[] { scale, scale }), ("mode", ModeName(mode)), ("align_corners", alignCorners));
        return y;
    }

    public string Pad(string x, long[] begins, long[] ends, float value = 0f)
    {
        string y = G.Pad(x, begins, ends, value);
        // F.pad lists (begin, end) pairs from the last axis to the first.
        long[] torchPad = Enumerable.Range(0, begins.Length).Reverse().SelectMany(i => new[] { begins[i], ends[i] }).ToArray();
        Record("pad", x, y, ("pad", torchPad), ("value", value));
        return y;
    }

    public string PadToMatch(string x, string like)
    {
        string y = G.PadToMatch(x, like);
        Record("pad_to_match", x, y, ("like", like));
        return y;
    }

    public void Output(string name, string value)
    {
        G.Output(name, value);
        _outputs[name] = value;
    }

    /// <summary>
    /// Saves, checks and runs the model once per input set (input name -> shape) and asserts that
    /// every output matches PyTorch within <see cref="Tolerance"/>.
    /// </summary>
    public ExportResult Run(params Dictionary<string, long[]>[] sets)
    {
        string dir = RepoPaths.NewTempDirectory("onnx-" + Name);
        string model = Path.Combine(dir, "model.onnx");
        G.Save(model);

        using JsonDocument check = JsonDocument.Parse(PythonOracle.Run("onnx_check.py", model));

        foreach ((string key, float[] data, long[] shape) in _weights)
            NpyIo.WriteFloat32(Path.Combine(dir, "w_" + key + ".npy"), data, shape);
        string program = Path.Combine(dir, "program.json");
        File.WriteAllText(program, JsonSerializer.Serialize(new Dictionary<string, object> { ["ops"] = _ops, ["outputs"] = _outputs }));

        var setDirs = new List<string>();
        for (int s = 0; s < sets.Length; s++)
        {
            string setDir = Path.Combine(dir, "set" + s);
            Directory.CreateDirectory(setDir);
            foreach ((string input, long[] shape) in sets[s])
            {
                long n = shape.Aggregate(1L, (a, b) => a * b);
                NpyIo.WriteFloat32(Path.Combine(setDir, "in_" + input + ".npy"), Uniform(n, -1, 1), shape);
            }
            setDirs.Add(setDir);
        }
        PythonOracle.Run("onnx_reference.py", new[] { program, dir }.Concat(setDirs).ToArray());
        OnnxRuntimeRunner.Run(model, setDirs);

        var shapes = new List<Dictionary<string, long[]>>();
        foreach (string setDir in setDirs)
        {
            var setShapes = new Dictionary<string, long[]>();
            foreach (string output in _outputs.Keys)
            {
                (float[] expected, long[] expectedShape) = NpyIo.ReadFloat32(Path.Combine(setDir, "expected_" + output + ".npy"));
                (float[] actual, long[] actualShape) = NpyIo.ReadFloat32(Path.Combine(setDir, "actual_" + output + ".npy"));
                Assert.True(expectedShape.SequenceEqual(actualShape),
                    $"{Name}/{Path.GetFileName(setDir)}: output '{output}' has shape [{string.Join(", ", actualShape)}] in ONNX Runtime but [{string.Join(", ", expectedShape)}] in PyTorch");
                double worst = 0;
                int worstAt = -1;
                for (int i = 0; i < expected.Length; i++)
                {
                    double d = Math.Abs((double)expected[i] - actual[i]);
                    if (!(d <= worst))   // also catches NaN
                    {
                        worst = double.IsNaN(d) ? double.PositiveInfinity : d;
                        worstAt = i;
                    }
                }
                if (!(worst <= Tolerance))
                    Assert.Fail($"{Name}/{Path.GetFileName(setDir)}: output '{output}' differs from PyTorch by {worst:G3} at flat index {worstAt} (expected {expected[worstAt]}, got {actual[worstAt]})");
                setShapes[output] = actualShape;
            }
            shapes.Add(setShapes);
        }
        return new ExportResult(model, check.RootElement.Clone(), shapes);
    }

    private string Unary(string op, string x, string y)
    {
        Record(op, x, y);
        return y;
    }

    private void Record(string op, string x, string y, params (string Key, object? Value)[] args)
    {
        var entry = new Dictionary<string, object?> { ["op"] = op, ["x"] = x, ["out"] = y };
        foreach ((string k, object? v) in args)
            entry[k] = v;
        _ops.Add(entry);
    }

    private void RecordConv(string x, string y, string name, (long, long)? stride, (long, long)? padding, (long, long)? dilation, int groups, bool bias) =>
        Record("conv2d", x, y, ("weight", name + ".weight"), ("bias", bias ? name + ".bias" : null),
            ("stride", Pair(stride ?? (1, 1))), ("padding", Pair(padding ?? (0, 0))), ("dilation", Pair(dilation ?? (1, 1))), ("groups", groups));

    private void RecordBn(string x, string y, string name) =>
        Record("batch_norm", x, y, ("weight", name + ".weight"), ("bias", name + ".bias"),
            ("running_mean", name + ".running_mean"), ("running_var", name + ".running_var"), ("eps", 1e-5));

    private (OnnxTensorData W, OnnxTensorData? B) ConvWeights(string name, int cin, int cout, int k, int groups, bool bias)
    {
        // PyTorch's default init scale, so activations stay near 1 and the absolute tolerance means something.
        double bound = 1 / Math.Sqrt(cin / groups * k * k);
        OnnxTensorData w = Weight(name + ".weight", new long[] { cout, cin / groups, k, k }, -bound, bound);
        OnnxTensorData? b = bias ? Weight(name + ".bias", new long[] { cout }, -bound, bound) : null;
        return (w, b);
    }

    private (OnnxTensorData Weight, OnnxTensorData Bias, OnnxTensorData Mean, OnnxTensorData Var) BnWeights(string name, int c) =>
        (Weight(name + ".weight", new long[] { c }, 0.5, 1.5),
         Weight(name + ".bias", new long[] { c }, -0.5, 0.5),
         Weight(name + ".running_mean", new long[] { c }, -0.5, 0.5),
         Weight(name + ".running_var", new long[] { c }, 0.5, 1.5));

    private OnnxTensorData Weight(string key, long[] shape, double low, double high)
    {
        float[] data = Uniform(shape.Aggregate(1L, (a, b) => a * b), low, high);
        _weights.Add((key, data, shape));
        return OnnxTensorData.FromFloats(data, shape);
    }

    private float[] Uniform(long n, double low, double high)
    {
        var data = new float[n];
        for (long i = 0; i < n; i++)
            data[i] = (float)(low + (high - low) * _random.NextDouble());
        return data;
    }

    private static long[] Pair((long A, long B) p) => new[] { p.A, p.B };

    private static string ModeName(OnnxInterpolation mode) => mode == OnnxInterpolation.Bilinear ? "bilinear" : "nearest";
}

/// <summary>What a run produced: the model file, onnx_check.py's report, and ONNX Runtime's output shapes per set.</summary>
internal sealed record ExportResult(string ModelPath, JsonElement Check, IReadOnlyList<Dictionary<string, long[]>> OutputShapes)
{
    /// <summary>Shape inference's output shape: ints, symbolic names, or null entries for unknown dims.</summary>
    public object?[]? InferredShape(string output)
    {
        JsonElement shape = Check.GetProperty("outputs").GetProperty(output).GetProperty("shape");
        if (shape.ValueKind == JsonValueKind.Null)
            return null;
        return shape.EnumerateArray().Select(d => d.ValueKind switch
        {
            JsonValueKind.Number => (object?)d.GetInt64(),
            JsonValueKind.String => d.GetString(),
            _ => null,
        }).ToArray();
    }
}
