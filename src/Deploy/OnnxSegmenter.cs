using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using Segment.Imaging;
using Segment.Imaging.Prediction;

namespace Segment.Deploy;

/// <summary>
/// Segments images with an exported Segment model in ONNX Runtime (CPU), no libtorch: the image is prepared as
/// `segment predict` prepares it (<see cref="PredictionPlan"/>: U²-Net at 320 x 320, the UNets at the image's size,
/// a static export at its size; the model's own mean/std), output 0 (the probabilities) is read, and the same PNGs
/// are written (<see cref="PredictionFiles"/>).
/// </summary>
/// <example>
/// <code>
/// using var segmenter = new OnnxSegmenter("u2netp.onnx");
/// segmenter.PredictFile("photo.jpg", "masks", new PredictionExtras(Cutout: true));
/// </code>
/// </example>
public sealed class OnnxSegmenter : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _modelPath;

    /// <param name="modelPath">A model written by ExportOnnx / `segment export`.</param>
    /// <param name="threads">Intra-op threads; null lets ONNX Runtime choose.</param>
    public OnnxSegmenter(string modelPath, int? threads = null)
    {
        Segment.IO.InputFiles.RequireRegular(modelPath, "ONNX model");
        _modelPath = modelPath;
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads is int n)
            options.IntraOpNumThreads = n;
        try
        {
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{modelPath}: ONNX Runtime cannot load it: {e.Message}", e);
        }
        try
        {
            Info = OnnxModelInfo.From(_session.ModelMetadata.CustomMetadataMap, modelPath);
            OnnxGraphAgreement.Require(_session, Info, modelPath);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>What the model's metadata says.</summary>
    public OnnxModelInfo Info { get; }

    /// <summary>How an image is prepared: the model's normalisation, its fixed size if any, else the family's default or <paramref name="size"/>.</summary>
    public PredictionPlan Plan(int? size = null) =>
        PredictionPlan.ForFamily(Info.Family, Info.Classes, Info.MeanStd, size, Info.MinimumSize, Info.FixedSize);

    /// <summary>
    /// Probabilities [classes, height, width] at the size the model ran at (also returned); with a <paramref name="window"/>
    /// (a UNet or UNet++ exported with a dynamic size) the prepared image runs as Gaussian-blended tiles.
    /// </summary>
    public (float[] Probabilities, int Height, int Width) Predict(RgbImage image, int? size = null, SlidingWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (window is not null)
            CheckTiling(window);
        RgbImage input = Plan(size).Prepare(image);
        return (Probabilities(input, window), input.Height, input.Width);
    }

    /// <summary>Refuses tiles the model cannot run: a U²-Net, a static export, or a side its poolings do not divide.</summary>
    public void CheckTiling(SlidingWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (Info.Family is not ("UNet" or "UNetPlusPlus") || Info.FixedSize is not null)
            throw new InvalidOperationException($"{_modelPath}: tiles need a UNet or UNet++ exported with --dynamic; this model is a {Info.Family}{(Info.FixedSize is { } f ? $" fixed at {f.Height} x {f.Width}" : "")}");
        if (window.Tile % Info.MinimumSize != 0)
            throw new InvalidOperationException($"a tile of {window.Tile} is not a multiple of {Info.MinimumSize}, the size {Info.Network}'s poolings divide exactly");
    }

    // One prepared input, whole or as blended tiles.
    private float[] Probabilities(RgbImage input, SlidingWindow? window) => window is null ? Run(input) : window.Run(input, Info.Classes, Run);

    // One prepared input through the session: the probabilities [classes, h, w].
    private float[] Run(RgbImage input)
    {
        long[] shape = [1, 3, input.Height, input.Width];
        using OrtValue x = OrtValue.CreateTensorValueFromMemory(input.Pixels, shape);
        using var runOptions = new RunOptions();
        float[] probabilities;
        try
        {
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, [OnnxGraphAgreement.InputName], [x], [Info.Output]);
            probabilities = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException e)
        {
            // The graph was checked against its metadata when loaded; what still fails here is the model's own content.
            throw new InvalidDataException($"{_modelPath}: ONNX Runtime cannot run it on a {string.Join(" x ", shape)} input: {e.Message}", e);
        }
        long expected = (long)Info.Classes * input.Height * input.Width;
        if (probabilities.Length != expected)
            throw new InvalidDataException($"{_modelPath}: output '{Info.Output}' holds {probabilities.Length:N0} values, not the {expected:N0} of {Info.Classes} classes at {input.Height} x {input.Width}");
        return probabilities;
    }

    /// <summary>Reads <paramref name="imagePath"/>, predicts, and writes its PNGs into <paramref name="outputFolder"/>; returns their paths.</summary>
    public IReadOnlyList<string> PredictFile(string imagePath, string outputFolder, PredictionExtras? extras = null, int? size = null, SlidingWindow? window = null)
    {
        RgbImage original = ImageDecoding.ReadRgb(imagePath);
        (float[] probabilities, int h, int w) = Predict(original, size, window);
        return Write(outputFolder, imagePath, original, probabilities, h, w, extras);
    }

    /// <summary>
    /// <see cref="PredictFile"/> over many images, pipelined (<see cref="PredictionPipeline"/>): decoding, inference and
    /// writing overlap, and <paramref name="imagesAtOnce"/> images run in the session at once. For more than one at once
    /// build the segmenter with one thread (or cores / images at once): on a small input such as U²-Net's 320 x 320 one
    /// image per core keeps the cores busier than one image on all of them. Files are written, and
    /// <paramref name="written"/> hears them, in input order; a failure stops the run after the images before it and
    /// comes out as the first failed image's exception.
    /// </summary>
    public void PredictFiles(IReadOnlyList<string> imagePaths, string outputFolder, PredictionExtras? extras = null, int? size = null, SlidingWindow? window = null,
        Action<string, IReadOnlyList<string>>? written = null, int imagesAtOnce = 1)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        if (window is not null)
            CheckTiling(window);
        PredictionPlan plan = Plan(size);
        PredictionPipeline.Run(imagePaths,
            path =>
            {
                RgbImage original = ImageDecoding.ReadRgb(path);
                return (original, plan.Prepare(original));
            },
            input => Probabilities(input, window),
            (path, original, input, probabilities) => Write(outputFolder, path, original, probabilities, input.Height, input.Width, extras),
            written ?? ((_, _) => { }),
            imagesAtOnce);
    }

    // The PNGs of one image, named after its file.
    private IReadOnlyList<string> Write(string outputFolder, string imagePath, RgbImage original, float[] probabilities, int height, int width, PredictionExtras? extras) =>
        PredictionFiles.Write(outputFolder, Path.GetFileNameWithoutExtension(imagePath), original, probabilities, Info.Classes, height, width, extras ?? new PredictionExtras());

    public void Dispose() => _session.Dispose();
}
