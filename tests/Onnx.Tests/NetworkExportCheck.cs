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
/// strict shape inference), runs it in ONNX Runtime (in process) on each input shape and compares every
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
                expected.Add(Expected(network, options, x));
            }
        }
        finally
        {
            module.train(wasTraining);
        }

        // Output 0 is the probabilities; OnnxOutputs.All adds the typed result in its order (a pruned UNet++: heads 1..K).
        string[] names = check.RootElement.GetProperty("outputs").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(expected[0].Select(o => o.Name).ToArray(), names);

        OnnxRuntimeRunner.Run(model, setDirs);

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

    /// <summary>The generator's shapes for the outputs <paramref name="options"/> give (the network's static OnnxOutputShapes), by name in graph order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> GeneratedShapes(ISegmentationNetwork network, long batch, long height, long width, OnnxExportOptions? options = null)
    {
        var method = network.GetType().GetMethod("OnnxOutputShapes")
            ?? throw new InvalidOperationException($"{network.GetType().Name} has no generated OnnxOutputShapes");
        return (IReadOnlyList<(string Name, long[] Shape)>)method.Invoke(null, new object?[] { batch, height, width, options })!;
    }

    /// <summary>
    /// What the model must compute, from the libtorch eval forward: "probabilities" (Predict, or with
    /// <see cref="OnnxExportOptions.Head"/> K the activation of head K's logits from the full forward), then with
    /// <see cref="OnnxOutputs.All"/> every named logit output (heads out1..outK when pruned).
    /// </summary>
    private static List<(string Name, float[] Data, long[] Shape)> Expected(ISegmentationNetwork network, OnnxExportOptions options, Tensor x)
    {
        var named = network.ForwardNamed(x).ToList();
        if (options.Head is int k)
            named = named.Take(k).ToList();
        Tensor prob = options.Head is null
            ? network.Predict(x)
            : network.Classes == 1 ? named[^1].Value.sigmoid() : F.softmax(named[^1].Value, 1);
        var outputs = new List<(string Name, float[] Data, long[] Shape)> { ("probabilities", prob.data<float>().ToArray(), prob.shape) };
        if (options.Outputs == OnnxOutputs.All)
            outputs.AddRange(named.Select(o => (o.Name, o.Value.data<float>().ToArray(), o.Value.shape)));
        return outputs;
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
