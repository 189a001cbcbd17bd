using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;
using Segment.Runtime.Onnx.Quantization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Onnx.Tests;

/// <summary>
/// The int8 QDQ form of exported networks: ONNX Runtime runs every convolution with its int8 kernel (QLinearConv in the
/// graph it optimises), the weights are stored as int8, and the probabilities stay close to the fp32 model's on an
/// input the calibration did not see.
/// </summary>
public sealed class QuantizationTests
{
    [Theory]
    // Measured: mean |diff| 0.00018 / 0.00035 / 0.0004, max 0.0008 / 0.0012 / 0.002.
    [InlineData("u2net-small4", 1, 0.002, 0.01)]   // saliency: probabilities of one class
    [InlineData("unet", 2, 0.002, 0.01)]
    [InlineData("unetpp-3class", 3, 0.002, 0.01)]
    public void An_int8_model_runs_every_conv_as_qlinearconv_close_to_fp32(string name, int classes, double meanTolerance, double maxTolerance)
    {
        using ISegmentationNetwork network = SeededNetworks.Create(name, seed: 5);
        byte[] fp32 = network.BuildOnnx(new OnnxExportOptions { Opset = 13, Height = 64, Width = 64 }).ToBytes();
        var calibration = new ActivationCalibration(QdqQuantizer.TensorsToCalibrate(fp32));
        using (var session = Session(QdqQuantizer.WithOutputs(fp32, calibration.Names)))
            for (int seed = 0; seed < 4; seed++)
            {
                using var x = Input(seed);
                using var outputs = session.Run(new RunOptions(), ["input"], [x], [session.OutputNames[0], .. calibration.Names]);
                for (int i = 0; i < calibration.Names.Count; i++)
                    calibration.Observe(calibration.Names[i], outputs[i + 1].GetTensorDataAsSpan<float>());
            }
        QuantizedModel int8 = QdqQuantizer.Quantize(fp32, calibration.Ranges);

        int convs = Count(fp32, "Conv");
        Assert.Equal(convs, int8.Convolutions);
        Assert.True(int8.Bytes.Length < fp32.Length / 2, $"int8 model {int8.Bytes.Length:N0} bytes against fp32 {fp32.Length:N0}: the weights should be int8");
        string optimized = Path.Combine(RepoPaths.NewTempDirectory("int8-" + name), "optimized.onnx");
        using var fp32Session = Session(fp32);
        using var int8Session = Session(int8.Bytes, optimized);
        byte[] optimizedModel = File.ReadAllBytes(optimized);
        Assert.Equal(convs, Count(optimizedModel, "QLinearConv"));
        // U²-Net's residual Adds of quantized values and its Concats of quantized (pooled, resized) values run on uint8 too.
        if (name.StartsWith("u2net", StringComparison.Ordinal))
        {
            Assert.Equal(Count(fp32, "Add"), Count(optimizedModel, "QLinearAdd"));
            Assert.True(Count(optimizedModel, "QLinearConcat") > 0, "no Concat runs as QLinearConcat");
        }

        using var held = Input(seed: 99);
        float[] expected = Probabilities(fp32Session, held), actual = Probabilities(int8Session, held);
        Assert.Equal(classes * 64 * 64, actual.Length);
        double mean = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average(), max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(mean < meanTolerance && max <= maxTolerance, $"{name}: int8 against fp32 probabilities: mean |diff| {mean:G3}, max {max:G3}");
    }

    [Fact]
    public void Quantizing_an_opset_11_model_says_to_export_with_opset_13()
    {
        using ISegmentationNetwork network = SeededNetworks.Create("u2net-small4", seed: 1);
        byte[] fp32 = network.BuildOnnx(new OnnxExportOptions { Opset = 11, Height = 64, Width = 64 }).ToBytes();
        var e = Assert.Throws<ArgumentException>(() => QdqQuantizer.Quantize(fp32, new Dictionary<string, ActivationRange>()));
        Assert.Contains("needs opset 13", e.Message);
    }

    [Fact]
    public void The_uint8_range_holds_zero_exactly()
    {
        Assert.Equal((6f / 255f, (byte)0), new ActivationRange(0f, 6f).Uint8());
        (float scale, byte zero) = new ActivationRange(-1f, 3f).Uint8();
        Assert.Equal(4f / 255f, scale, 6);
        Assert.Equal(-1f, (0 - zero) * scale, 0.5f * scale);   // q = 0 dequantizes to the range's minimum, within half a step
        Assert.Equal((byte)64, zero);   // round(1 / (4 / 255)) = round(63.75)
        Assert.Equal((1f, (byte)0), new ActivationRange(0f, 0f).Uint8());
    }

    private static InferenceSession Session(byte[] model, string? optimizedPath = null)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        if (optimizedPath is not null)
            options.OptimizedModelFilePath = optimizedPath;
        return new InferenceSession(model, options);
    }

    private static OrtValue Input(int seed)
    {
        var random = new Random(seed);
        float[] pixels = Enumerable.Range(0, 3 * 64 * 64).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        return OrtValue.CreateTensorValueFromMemory(pixels, [1, 3, 64, 64]);
    }

    private static float[] Probabilities(InferenceSession session, OrtValue x)
    {
        using var outputs = session.Run(new RunOptions(), ["input"], [x], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>How many nodes of <paramref name="opType"/> the serialized model has (each node spells its op type once).</summary>
    private static int Count(byte[] model, string opType)
    {
        var proto = Segment.Runtime.Onnx.Proto.ModelProto.Parser.ParseFrom(model);
        return proto.Graph.Node.Count(n => n.OpType == opType);
    }
}
