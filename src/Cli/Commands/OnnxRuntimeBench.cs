using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;

namespace Segment.Cli.Commands;

/// <summary>
/// The ONNX Runtime side of <c>segment bench --onnxruntime [--int8]</c>: exports the same network (same weights) at the
/// same static size and batch (opset 17, BatchNorm folded, output 0 the probabilities as an application reads it), with
/// --int8 also its QDQ form, and times <c>InferenceSession.Run</c> on the CPU provider with the given intra-op threads.
/// </summary>
internal static class OnnxRuntimeBench
{
    /// <summary>The export's opset: the newest the exporter writes.</summary>
    public const int Opset = OnnxOpset.Max;

    /// <summary>
    /// The export at <paramref name="input"/>'s size and batch and, with <paramref name="int8"/>, its int8 QDQ form
    /// calibrated on <paramref name="input"/> itself (for timing only; empty without).
    /// </summary>
    public static (byte[] Fp32, byte[] Int8) Models(ISegmentationNetwork network, Tensor input, int threads, bool int8)
    {
        long[] shape = input.shape;
        byte[] fp32 = network.BuildOnnx(new OnnxExportOptions { Opset = Opset, BatchSize = (int)shape[0], Height = (int)shape[2], Width = (int)shape[3] }).ToBytes();
        if (!int8)
            return (fp32, []);
        var (quantized, _) = global::Segment.Cli.Inference.Int8Export.Quantize(fp32, network.Classes, threads, observing => observing.Probabilities(input).Dispose());
        return (fp32, quantized.Bytes);
    }

    /// <summary>Times <paramref name="model"/> (an exported model's bytes) on <paramref name="input"/>.</summary>
    public static List<double> Inference(byte[] model, Tensor input, int threads, int warmup, int runs)
    {
        long[] shape = input.shape;
        string path = Path.Combine(Path.GetTempPath(), $"segment-bench-{Environment.ProcessId}.onnx");
        try
        {
            File.WriteAllBytes(path, model);
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
