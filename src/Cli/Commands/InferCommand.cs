using System;
using System.Collections.Generic;
using System.IO;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment infer --model NAME --weights W.pth --input X.npy --output Y.npy [--mode eval|train] [--all-outputs]</c>:
/// loads a PyTorch state_dict, runs the forward pass on a float32 NCHW array and writes the result.
/// Eval mode writes probabilities (the network's Predict: of the deepest head for a deep-supervision UNet++); train mode writes the main logits ("fused" / "out"). With
/// --all-outputs every named output's logits also go to <c>Y.&lt;name&gt;.npy</c> (Y.side1.npy, Y.aux.npy, ...).
/// </summary>
public sealed class InferCommand : ICommand
{
    public string Name => "infer";
    public string Description => "run a network with PyTorch weights on a .npy input";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("weights", "PyTorch state_dict (.pth) written by torch.save", Required: true),
        new("input", "float32 array [N, C, H, W] (.npy)", Required: true),
        new("output", "where to write the result (.npy)", Required: true),
        new("mode", "eval (probabilities, default) or train (logits, batch statistics)"),
        new("all-outputs", "also write each named output to OUTPUT.<name>.npy", IsFlag: true),
        Networks.ThreadsOption("libtorch's"),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        string mode = args.String("mode") ?? "eval";
        if (mode is not ("eval" or "train"))
            throw new UsageException($"--mode must be eval or train, got '{mode}'");
        Networks.ApplyThreads(args, fallback: null);
        string inputPath = args.Required("input");
        string outputPath = args.Required("output");
        Segment.IO.InputFiles.RequireRegular(inputPath, "input");

        Device device = Networks.Device(args);
        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        // The destination (and so the folder of every --all-outputs sibling) is checked before the slow part.
        Segment.IO.OutputFiles.Check(outputPath);
        Networks.LoadWeights(network, args.Required("weights"));
        nn.Module module = Networks.AsModule(network);
        module.to(device);
        if (mode == "eval") module.eval(); else module.train();

        using DisposeScope scope = torch.NewDisposeScope();
        Tensor input = Npy.Load(inputPath);
        if (input.dtype != ScalarType.Float32 || input.dim() != 4)
            throw new UsageException($"input '{inputPath}' must be a float32 array [N, {network.InputChannels}, H, W], " +
                                     $"got {input.dtype} [{string.Join(", ", input.shape)}]");
        MemoryBudget.ThrowIfTooLarge(network, input.shape);
        // NaN in, NaN out: the run goes on (the finite samples of a batch are still right), but not silently.
        if (NonFiniteValues.Count(input) is { Any: true } nonFinite)
            Console.Error.WriteLine($"segment infer: warning: {nonFinite.Describe($"input '{inputPath}'")}");
        using IDisposable noGrad = torch.no_grad();
        Tensor x = input.to(device);
        bool all = args.Flag("all-outputs");
        IReadOnlyList<(string Name, Tensor Value)>? outputs = mode == "train" || all ? network.ForwardNamed(x) : null;
        // Eval: the network's own Predict (a deep-supervision UNet++'s deepest head, not outputs[0], its shallowest).
        Tensor main = mode == "eval" ? network.Predict(x) : outputs![0].Value;
        var files = new List<(string Path, Action<Stream> Write)> { (outputPath, s => s.Write(Npy.Write(main))) };
        var lines = new List<string> { $"{outputPath}: {(mode == "eval" ? "probabilities" : outputs![0].Name + " logits")} [{string.Join(", ", main.shape)}]" };
        if (all)
        {
            foreach ((string name, Tensor value) in outputs!)
            {
                string path = SiblingPath(outputPath, name);
                files.Add((path, s => s.Write(Npy.Write(value))));
                lines.Add($"{path}: {name} logits [{string.Join(", ", value.shape)}]");
            }
        }
        // All or nothing: with --all-outputs a failure on the fifth file leaves none of them half-updated.
        Segment.IO.OutputFiles.WriteAll(files);
        foreach (string line in lines)
            Console.Out.WriteLine(line);
        return 0;
    }

    /// <summary><c>out/y.npy</c> + <c>side1</c> -> <c>out/y.side1.npy</c>.</summary>
    public static string SiblingPath(string outputPath, string name)
    {
        string dir = Path.GetDirectoryName(outputPath) ?? "";
        string stem = Path.GetFileNameWithoutExtension(outputPath);
        return Path.Combine(dir, $"{stem}.{name}.npy");
    }
}
