using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>
/// Exports a generated network with its <c>ExportOnnx</c>, has python-onnx check it (full check and
/// strict shape inference), runs it in onnxruntime-node on each input shape and compares every
/// output with the libtorch forward in eval mode on the same weights and input.
/// </summary>
internal static class NetworkExportCheck
{
    public const double Tolerance = 1e-4;

    /// <returns>onnx_check.py's report, ONNX Runtime's output shapes per input, and the worst |difference| per output.</returns>
    public static NetworkExportResult Run(ISegmentationNetwork network, OnnxExportOptions options, params long[][] inputShapes)
    {
        var module = (nn.Module)network;
        string dir = RepoPaths.NewTempDirectory($"onnx-{network.Name}-{options.Opset}");
        string model = Path.Combine(dir, "model.onnx");
        bool wasTraining = module.training;
        network.ExportOnnx(model, options);
        Assert.Equal(wasTraining, module.training);   // exported in eval semantics without switching the module

        using JsonDocument check = JsonDocument.Parse(PythonOracle.Run("onnx_check.py", model));

        var expected = new List<List<(string Name, float[] Data, long[] Shape)>>();
        var setDirs = new List<string>();
        module.eval();
        try
        {
            for (int s = 0; s < inputShapes.Length; s++)
            {
                string setDir = Path.Combine(dir, "set" + s);
                Directory.CreateDirectory(setDir);
                setDirs.Add(setDir);
                using DisposeScope scope = torch.NewDisposeScope();
                using IDisposable noGrad = torch.no_grad();
                Tensor x = SeededNetworks.Input(100 + s, inputShapes[s]);
                Npy.Save(Path.Combine(setDir, "in_input.npy"), x);
                var outputs = network.ForwardNamed(x).Select(o => (o.Name, o.Value.data<float>().ToArray(), o.Value.shape)).ToList();
                Tensor prob = network.Predict(x);
                outputs.Add(("probabilities", prob.data<float>().ToArray(), prob.shape));
                expected.Add(outputs);
            }
        }
        finally
        {
            module.train(wasTraining);
        }

        // The graph's outputs are the typed result's, in its order, then the probabilities.
        string[] names = check.RootElement.GetProperty("outputs").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(expected[0].Select(o => o.Name).ToArray(), names);

        OnnxRuntimeNode.Run(model, setDirs);

        var shapes = new List<Dictionary<string, long[]>>();
        var worst = new Dictionary<string, double>();
        for (int s = 0; s < setDirs.Count; s++)
        {
            var setShapes = new Dictionary<string, long[]>();
            foreach ((string name, float[] want, long[] wantShape) in expected[s])
            {
                (float[] got, long[] gotShape) = NpyIo.ReadFloat32(Path.Combine(setDirs[s], "actual_" + name + ".npy"));
                string where = $"{network.Name} opset {options.Opset} input [{string.Join(", ", inputShapes[s])}] output '{name}'";
                Assert.True(wantShape.SequenceEqual(gotShape),
                    $"{where}: ONNX Runtime gives [{string.Join(", ", gotShape)}], libtorch [{string.Join(", ", wantShape)}] ({dir})");
                double d = MaxAbsDiff(want, got);
                Assert.True(d <= Tolerance, $"{where}: max |ONNX Runtime - libtorch| = {d:E2} > {Tolerance:E0} ({dir})");
                worst[name] = Math.Max(worst.GetValueOrDefault(name), d);
                setShapes[name] = gotShape;
            }
            shapes.Add(setShapes);
        }
        var result = new NetworkExportResult(check.RootElement.Clone(), shapes, worst);
        Directory.Delete(dir, recursive: true);   // passed: the full U2Net alone is 176 MB
        return result;
    }

    /// <summary>The generator's shapes for the outputs (the network's static OnnxOutputShapes), by name in graph order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> GeneratedShapes(ISegmentationNetwork network, long batch, long height, long width)
    {
        var method = network.GetType().GetMethod("OnnxOutputShapes")
            ?? throw new InvalidOperationException($"{network.GetType().Name} has no generated OnnxOutputShapes");
        return (IReadOnlyList<(string Name, long[] Shape)>)method.Invoke(null, new object[] { batch, height, width })!;
    }

    private static double MaxAbsDiff(float[] a, float[] b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs((double)a[i] - b[i]);
            if (!(d <= worst))   // NaN counts as infinitely wrong
                worst = double.IsNaN(d) ? double.PositiveInfinity : d;
        }
        return worst;
    }
}

/// <summary>What <see cref="NetworkExportCheck.Run"/> found.</summary>
internal sealed record NetworkExportResult(JsonElement Check, IReadOnlyList<Dictionary<string, long[]>> OutputShapes, IReadOnlyDictionary<string, double> MaxDiffs)
{
    /// <summary>ONNX shape inference's dims of an output: longs for known dims, strings for symbolic ones, null for unknown.</summary>
    public object?[]? InferredShape(string output) => new ExportResult("", Check, OutputShapes).InferredShape(output);

    /// <summary>The op types in graph order.</summary>
    public IReadOnlyList<string> Ops => Check.GetProperty("ops").EnumerateArray().Select(o => o.GetString()!).ToArray();

    public IReadOnlyList<string> Initializers => Check.GetProperty("initializers").EnumerateArray().Select(o => o.GetString()!).ToArray();
}
