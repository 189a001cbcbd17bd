using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using Segment.Imaging;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx.Quantization;

namespace Segment.Cli.Inference;

/// <summary>
/// <see cref="ISegmentationPredictor"/> on ONNX Runtime's CPU provider: holds one session over a model written by the
/// generated export (output 0 the probabilities), reused for every batch. <see cref="Open"/> exports a TorchSharp
/// network through <see cref="OnnxModelCache"/>, so a weights file is exported once per build.
/// </summary>
/// <example>
/// <code>
/// using ISegmentationPredictor predictor = OnnxRuntimePredictor.Open(network, "run/best.pth", MeanStd.ImageNet.Mean, MeanStd.ImageNet.Std, threads: 2);
/// Tensor probabilities = predictor.Probabilities(batch);
/// </code>
/// </example>
public sealed class OnnxRuntimePredictor : ISegmentationPredictor
{
    private const string InputName = "input";
    private readonly InferenceSession _session;
    private readonly string[] _outputs;
    private readonly ISegmentationNetwork? _budget;
    private readonly ActivationCalibration? _calibration;

    /// <param name="model">The bytes of an exported model.</param>
    /// <param name="classes">Its class count (the probabilities' channels).</param>
    /// <param name="threads">Intra-op threads; null lets ONNX Runtime choose (one per physical core).</param>
    /// <param name="budget">The network the model was exported from: each batch is checked against <see cref="MemoryBudget"/> with its estimate first, as on TorchSharp.</param>
    /// <param name="calibration">Values besides output 0 to read on every run and widen the ranges of (an int8 export's calibration); the model must declare them as outputs.</param>
    public OnnxRuntimePredictor(byte[] model, int classes, int? threads = null, ISegmentationNetwork? budget = null, ActivationCalibration? calibration = null)
    {
        _calibration = calibration;
        _budget = budget;
        ArgumentNullException.ThrowIfNull(model);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
        };
        if (threads is int n)
            options.IntraOpNumThreads = n;
        _session = new InferenceSession(model, options);
        _outputs = [_session.OutputNames[0], .. calibration?.Names ?? []];
        Classes = classes;
    }

    /// <summary>
    /// <paramref name="network"/> with the weights of <paramref name="weightsPath"/> (already loaded into it) in ONNX Runtime,
    /// the export cached per weights file; <paramref name="mean"/>/<paramref name="std"/> go into the model's metadata;
    /// <paramref name="size"/> is the one input size it will be given, if there is one (a static export), else null (any size);
    /// <paramref name="batch"/> likewise the one batch size.
    /// </summary>
    public static OnnxRuntimePredictor Open(ISegmentationNetwork network, string weightsPath, float[]? mean, float[]? std, int? threads = null,
        (int Height, int Width)? size = null, int? batch = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        (byte[] model, _) = OnnxModelCache.Get(network, weightsPath, OnnxModelCache.Options(network, mean, std, size, batch));
        return new OnnxRuntimePredictor(model, network.Classes, threads, budget: network);
    }

    public int Classes { get; }

    public Tensor Probabilities(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long[] shape = images.shape;
        float[] pixels = images.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        (float[] probabilities, long[] outShape) = Run(pixels, shape);
        return torch.tensor(probabilities, outShape);
    }

    /// <summary>One image straight through the session, without libtorch: safe to call from several threads at once.</summary>
    public float[] Probabilities(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Run(image.Pixels, [1, 3, image.Height, image.Width]).Probabilities;
    }

    private (float[] Probabilities, long[] Shape) Run(float[] pixels, long[] shape)
    {
        if (_budget is not null)
            MemoryBudget.ThrowIfTooLarge(_budget, shape);   // a large input is refused, not left to ONNX Runtime's arena
        using OrtValue x = OrtValue.CreateTensorValueFromMemory(pixels, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, [InputName], [x], _outputs);
        if (_calibration is not null)
        {
            for (int i = 1; i < _outputs.Length; i++)
                _calibration.Observe(_outputs[i], outputs[i].GetTensorDataAsSpan<float>());
            _calibration.CompleteRun();
        }
        long[] outShape = outputs[0].GetTensorTypeAndShape().Shape;
        if (outShape.Length != 4 || outShape[1] != Classes)
            throw new InvalidDataException($"the ONNX model's output is [{string.Join(", ", outShape)}], not [N, {Classes}, H, W]");
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outShape);
    }

    /// <summary>Log-probabilities (the probabilities floored at 1e-37 so a bilinear resize never meets -inf).</summary>
    public Tensor Scores(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        using Scalar floor = 1e-37.ToScalar();
        return Probabilities(images).clamp_min(floor).log().MoveToOuterDisposeScope();
    }

    public void Dispose() => _session.Dispose();
}
