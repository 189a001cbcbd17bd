using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Segment.Onnx.Tests;

/// <summary>
/// Runs a model in ONNX Runtime (Microsoft.ML.OnnxRuntime, CPU provider) in this process. Inputs and outputs go
/// through .npy files in each set folder, so a failing case leaves everything it compared on disk.
/// </summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>
    /// Runs <paramref name="model"/> on each set folder's in_&lt;input&gt;.npy, leaving actual_&lt;output&gt;.npy there.
    /// Every input the model declares must have its file, so a graph expecting an input the test did not mean to give fails loudly.
    /// </summary>
    public static void Run(string model, IEnumerable<string> setDirs)
    {
        using InferenceSession session = Open(model);
        foreach (string dir in setDirs)
        {
            var feeds = new List<NamedOnnxValue>();
            foreach (string name in session.InputNames)
            {
                string file = Path.Combine(dir, $"in_{name}.npy");
                if (!File.Exists(file))
                    throw new InvalidOperationException($"{dir}: no {Path.GetFileName(file)} for model input '{name}'");
                (float[] data, long[] shape) = NpyIo.ReadFloat32(file);
                feeds.Add(NamedOnnxValue.CreateFromTensor(name, new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(data, shape.Select(d => (int)d).ToArray())));
            }
            using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(feeds);
            foreach (DisposableNamedOnnxValue result in results)
            {
                var tensor = result.AsTensor<float>();
                NpyIo.WriteFloat32(Path.Combine(dir, $"actual_{result.Name}.npy"), tensor.ToArray(), tensor.Dimensions.ToArray().Select(d => (long)d).ToArray());
            }
        }
    }

    /// <summary>The model's metadata_props, as a predictor with ONNX Runtime alone reads them.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string model)
    {
        using InferenceSession session = Open(model);
        return new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap);
    }

    // One thread: the tests run in parallel, and results must not depend on the thread count.
    private static InferenceSession Open(string model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new InferenceSession(model, options);
    }
}
