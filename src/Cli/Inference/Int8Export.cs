using System;
using Segment.Cli.Training;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx.Quantization;
using Segment.Runtime.Data.Transforms;
using Segment.Runtime.Training;

namespace Segment.Cli.Inference;

/// <summary>
/// <c>export --quantize int8</c>: the fp32 export calibrated on images of the dataset's train split (ONNX Runtime runs it
/// with every Conv's input and output as extra outputs, and their min / max are kept), rewritten into the QDQ form
/// (<see cref="QdqQuantizer"/>), then the fp32 and int8 models measured side by side on the held-out split.
/// </summary>
public static class Int8Export
{
    /// <summary>What the export did and measured.</summary>
    public sealed record Result(QuantizedModel Model, int CalibrationImages, string CalibrationSplit, EvaluationResult Fp32, EvaluationResult Int8, string EvaluationSplit);

    public static Result Run(ISegmentationNetwork network, byte[] fp32, DataSetup data, int calibrationImages, int evaluationImages, int? threads)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ISampleTransform transform = data.EvalTransform(network);
        var calibrationSet = data.Open(network, "train").Take(calibrationImages);
        (QuantizedModel model, int runs) = Quantize(fp32, network.Classes, threads, observing => Evaluator.For(calibrationSet, transform).Evaluate(observing));

        var evaluation = Evaluator.For(data.Open(network, "val").Take(evaluationImages), transform);
        EvaluationResult Measure(byte[] bytes)
        {
            using var predictor = new OnnxRuntimePredictor(bytes, network.Classes, threads, budget: network);
            return evaluation.Evaluate(predictor);
        }
        return new Result(model, runs, "train", Measure(fp32), Measure(model.Bytes), "val");
    }

    /// <summary>
    /// The QDQ form of <paramref name="fp32"/>, calibrated on what <paramref name="calibrate"/> runs through the predictor
    /// it is given (the fp32 model in ONNX Runtime, observing every value to quantize); also how many runs it saw.
    /// </summary>
    public static (QuantizedModel Model, int Runs) Quantize(byte[] fp32, int classes, int? threads, Action<ISegmentationPredictor> calibrate)
    {
        ArgumentNullException.ThrowIfNull(calibrate);
        var calibration = new ActivationCalibration(QdqQuantizer.TensorsToCalibrate(fp32));
        using (var observing = new OnnxRuntimePredictor(QdqQuantizer.WithOutputs(fp32, calibration.Names), classes, threads, calibration: calibration))
            calibrate(observing);
        return (QdqQuantizer.Quantize(fp32, calibration.Ranges), calibration.Runs);
    }

    /// <summary>"max F 0.8123 (fp32 0.8130), MAE 0.0412 (fp32 0.0405)" or "Dice ..., mIoU ...".</summary>
    public static string Accuracy(EvaluationResult int8, EvaluationResult fp32)
    {
        static string F(double? v) => v is double d ? d.ToString("F4", System.Globalization.CultureInfo.InvariantCulture) : "-";
        return int8.MaxF is not null
            ? $"max F {F(int8.MaxF)} (fp32 {F(fp32.MaxF)}), MAE {F(int8.Mae)} (fp32 {F(fp32.Mae)})"
            : $"Dice {F(int8.Dice)} (fp32 {F(fp32.Dice)}), mIoU {F(int8.MeanIou)} (fp32 {F(fp32.MeanIou)})";
    }
}
