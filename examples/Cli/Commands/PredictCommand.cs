using System;
using System.Collections.Generic;
using System.IO;
using Segment.Imaging;
using Segment.Imaging.Prediction;
using Segment.Runtime.Data;
using Segment.Runtime.NN;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment predict --model NAME --weights W --input IMAGE|DIR --output DIR [--size N] [--cutout] [--overlay]</c>:
/// one PNG per image at its original size and with its stem: an 8-bit probability map for one class, a palette PNG
/// of class indices for several; <c>--cutout</c> adds an RGBA cut-out (alpha = mask), <c>--overlay</c> the mask over
/// the image. Pre- and post-processing are Segment.Imaging's (<see cref="PredictionPlan"/>, <see cref="PredictionFiles"/>),
/// shared with the ONNX Runtime path.
/// </summary>
public sealed class PredictCommand : ICommand
{
    public string Name => "predict";
    public string Description => "segment images (a file or a folder) into PNG masks at their original size";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("weights", "PyTorch state_dict (.pth): the trained weights", Required: true),
        new("input", "an image (jpg, png, bmp, gif, tif) or a folder of them", Required: true),
        new("output", "folder for the PNGs (created if missing)", Required: true),
        new("size", $"run at NxN (default: {PredictionPlan.U2NetSize} for U2Net, the image's own size for UNet / UNet++)"),
        new("normalize", "mean/std of the training data: imagenet (default) or drive"),
        new("cutout", "also write STEM.cutout.png: the image with alpha = the mask", IsFlag: true),
        new("overlay", "also write STEM.overlay.png: the mask's classes over the image", IsFlag: true),
        Networks.ThreadsOption("libtorch's"),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        Networks.ApplyThreads(args, fallback: null);
        int? size = args.Has("size") ? args.Int("size", 0) : null;
        MeanStd meanStd = Normalization(args.String("normalize"));
        IReadOnlyList<string> images = PredictionInputs.List(args.Required("input"));
        string output = args.Required("output");
        Directory.CreateDirectory(output);
        Segment.IO.OutputFiles.Check(Path.Combine(output, Path.GetFileNameWithoutExtension(images[0]) + ".png"));
        var extras = new PredictionExtras(args.Flag("cutout"), args.Flag("overlay"));

        Device device = Networks.Device(args);
        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        Networks.LoadWeights(network, args.Required("weights"));
        nn.Module module = Networks.AsModule(network);
        module.to(device);
        module.eval();
        PredictionPlan plan = Plan(network, meanStd, size);

        foreach (string path in images)
        {
            RgbImage original = ImageDecoding.ReadRgb(path);
            RgbImage input = plan.Prepare(original);
            float[] probabilities;
            using (torch.NewDisposeScope())
            using (torch.inference_mode())
            {
                Tensor batch = ImageTensors.to_batch(input).to(device);
                MemoryBudget.ThrowIfTooLarge(network, batch.shape);
                probabilities = ImageTensors.to_planes(network.Predict(batch).cpu()).Planes;
            }
            IReadOnlyList<string> written = PredictionFiles.Write(output, Path.GetFileNameWithoutExtension(path), original, probabilities, network.Classes, input.Height, input.Width, extras);
            Console.Out.WriteLine($"{path} -> {string.Join(", ", written)}");
        }
        return 0;
    }

    /// <summary>How the network runs on an image: U²-Net at 320 x 320 (its seed's evaluation), the UNets at the image's size.</summary>
    public static PredictionPlan Plan(ISegmentationNetwork network, MeanStd meanStd, int? size) =>
        new(network.Classes, meanStd,
            Size: size ?? (network.Family == NetworkFamily.U2Net ? PredictionPlan.U2NetSize : null),
            Multiple: network.Family == NetworkFamily.U2Net ? 1 : network.MinimumInputSize,
            FixedSize: network.FixedInputSize);

    /// <summary>--normalize: the statistics the network was trained with.</summary>
    public static MeanStd Normalization(string? name) => name switch
    {
        null or "imagenet" => MeanStd.ImageNet,
        "drive" => MeanStd.Drive,
        _ => throw new UsageException($"--normalize must be imagenet or drive, got '{name}'"),
    };
}
