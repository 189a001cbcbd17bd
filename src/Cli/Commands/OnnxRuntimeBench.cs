using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;

namespace Segment.Cli.Commands;

/// <summary>
/// The ONNX Runtime side of <c>segment bench --onnxruntime</c>: exports the same network (same weights) at the same
/// static size and batch (opset 17, BatchNorm folded, output 0 the probabilities as an application reads it) to a
/// temporary file and times <c>InferenceSession.Run</c> on the CPU provider with the given intra-op threads.
/// </summary>
internal static class OnnxRuntimeBench
{
    /// <summary>The export's opset: the newest the exporter writes.</summary>
    public const int Opset = OnnxOpset.Max;

    public static List<double> Inference(ISegmentationNetwork network, Tensor input, int threads, int warmup, int runs)
    {
        long[] shape = input.shape;
        string path = Path.Combine(Path.GetTempPath(), $"segment-bench-{Environment.ProcessId}.onnx");
        try
        {
            network.BuildOnnx(new OnnxExportOptions
            {
                Opset = Opset, BatchSize = (int)shape[0], Height = (int)shape[2], Width = (int)shape[3],
            }).Save(path);
            using var options = new SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            using var session = new InferenceSession(path, options);
            float[] data = input.data<float>().ToArray();   // a CPU tensor: --onnxruntime refuses other devices
            using OrtValue x = OrtValue.CreateTensorValueFromMemory(data, shape);
            using var runOptions = new RunOptions();
            var inputNames = new[] { "input" };
            var outputNames = new[] { session.OutputNames[0] };
            var times = new List<double>(runs);
            for (int i = 0; i < warmup + runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using (IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, inputNames, new[] { x }, outputNames))
                {
                    if (i >= warmup)
                        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            return times;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
