using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;

namespace Segment.Networks.Tests;

/// <summary>
/// The PyTorch side of the equivalence tests: tests/oracles/make_weights.py writes seeded random
/// weights (every parameter and BN buffer) as a .pth, and tests/oracles/network_forward.py runs the
/// reference network written from docs/seeds.md on those weights, writing each output as .npy.
/// </summary>
public sealed class NetworkOracle
{
    public NetworkOracle(string model, string? configJson = null)
    {
        Model = model;
        ConfigJson = configJson;
        Folder = RepoPaths.NewTempDirectory(model);
    }

    public string Model { get; }
    public string? ConfigJson { get; }
    public string Folder { get; }

    /// <summary>
    /// Seeded random weights for the reference network, saved by torch.save; <paramref name="wrapped"/> saves them as the
    /// seeds' training scripts do, under 'model' of a dict with the optimizer state and the epoch.
    /// </summary>
    public string MakeWeights(int seed, bool wrapped = false)
    {
        string path = Path.Combine(Folder, $"weights-{seed}{(wrapped ? "-wrapped" : "")}.pth");
        var args = new List<string>(WithConfig("--model", Model, "--seed", Int(seed), "--output", path));
        if (wrapped)
            args.Add("--wrap");
        PythonOracle.Run("make_weights.py", args.ToArray());
        return path;
    }

    /// <summary>A seeded float32 standard-normal input [N, C, H, W].</summary>
    public string MakeInput(int seed, long n, long c, long h, long w)
    {
        string path = Path.Combine(Folder, $"input-{seed}-{n}x{c}x{h}x{w}.npy");
        PythonOracle.Run("make_weights.py", "--seed", Int(seed), "--input", path, "--shape", $"{n},{c},{h},{w}");
        return path;
    }

    /// <summary>A seeded target matching the family (binary {0,1} float for one class, labels with ignored 255s otherwise).</summary>
    public string MakeTarget(int seed, long n, long c, long h, long w)
    {
        string path = Path.Combine(Folder, $"target-{seed}-{n}x{h}x{w}.npy");
        PythonOracle.Run("make_weights.py", WithConfig("--model", Model, "--seed", Int(seed), "--target", path, "--shape", $"{n},{c},{h},{w}"));
        return path;
    }

    /// <summary>Runs the reference; returns the folder with one .npy per output (and loss_* with a target).</summary>
    /// <remarks>
    /// Train mode runs in float64 on both sides (see <see cref="DType"/>): PyTorch 1.13's own float32
    /// train-mode outputs differ from its float64 ones by up to ~1e-3 (batch statistics of small maps
    /// amplify rounding), so a float32 comparison with another libtorch version measures rounding.
    /// </remarks>
    public string Forward(string weights, string input, string mode, string? target = null, string? dumpState = null, ScalarType? dtype = null)
    {
        string outDir = Path.Combine(Folder, $"out-{Path.GetFileNameWithoutExtension(input)}-{mode}-{Guid.NewGuid():N}");
        var args = new List<string>(WithConfig("--model", Model, "--weights", weights, "--input", input, "--outdir", outDir, "--mode", mode,
                                               "--dtype", (dtype ?? DType(mode)) == ScalarType.Float64 ? "float64" : "float32"));
        if (target is not null) { args.Add("--target"); args.Add(target); }
        if (dumpState is not null) { args.Add("--dump-state"); args.Add(dumpState); }
        PythonOracle.Run("network_forward.py", args.ToArray());
        return outDir;
    }

    /// <summary>The dtype both sides compute in for a mode: float64 for train, float32 (what users run) for eval.</summary>
    public static ScalarType DType(string mode) => mode == "train" ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>Puts the network in <paramref name="mode"/> and its weights in that mode's <see cref="DType"/>.</summary>
    public static void Prepare(torch.nn.Module network, string mode)
    {
        network.train(mode == "train");
        // Dropout draws from libtorch's generator, which PyTorch's cannot reproduce: the oracle keeps dropout in
        // eval mode in train-mode runs, and so does this side (DropoutTests check dropout itself).
        foreach (torch.nn.Module m in network.modules())
            if (m is TorchSharp.Modules.Dropout2d)
                m.eval();
        network.to(DType(mode));
    }

    /// <summary>An input written by <see cref="MakeInput"/>, in the mode's <see cref="DType"/>.</summary>
    public static Tensor LoadInput(string path, string mode) => Npy.Load(path).to(DType(mode));

    /// <summary>A target written by <see cref="MakeTarget"/>: float masks in the mode's <see cref="DType"/>, class labels as written.</summary>
    public static Tensor LoadTarget(string path, string mode)
    {
        Tensor t = Npy.Load(path);
        return t.is_floating_point() ? t.to(DType(mode)) : t;
    }

    public static Tensor Load(string folder, string name)
    {
        string path = Path.Combine(folder, name + ".npy");
        if (!File.Exists(path))
            throw new FileNotFoundException($"the oracle wrote no {name}.npy in {folder}", path);
        return Npy.Load(path);
    }

    private string[] WithConfig(params string[] args)
    {
        if (ConfigJson is null)
            return args;
        var all = new List<string>(args) { "--config", ConfigJson };
        return all.ToArray();
    }

    private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
}
