using System.Collections.Generic;
using System.IO;
using Segment.TestSupport;

namespace Segment.Networks.Tests;

/// <summary>
/// tests/oracles/checkpoint_formats.py: the official U²-Net's and milesial's UNet's own networks (written from those
/// repositories' model code) make seeded random checkpoints in their formats and run them.
/// </summary>
public sealed class FormatOracle(string model)
{
    public string Model { get; } = model;

    public string Folder { get; } = RepoPaths.NewTempDirectory(model);

    /// <summary>
    /// Random weights saved as the model's own code saves them; optionally wrapped, DataParallel-prefixed, with milesial's
    /// mask_values, or in the legacy torch.save format (PyTorch before 1.6).
    /// </summary>
    public string Make(int seed, string? wrap = null, bool dataParallel = false, bool maskValues = false, bool legacy = false)
    {
        string path = Path.Combine(Folder, $"{Model}-{seed}{(wrap is null ? "" : "-" + wrap)}{(dataParallel ? "-dp" : "")}{(maskValues ? "-mv" : "")}{(legacy ? "-legacy" : "")}.pth");
        var args = new List<string> { "make", "--model", Model, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", path };
        if (wrap is not null) args.AddRange(["--wrap", wrap]);
        if (dataParallel) args.Add("--data-parallel");
        if (maskValues) args.Add("--mask-values");
        if (legacy) args.Add("--legacy");
        PythonOracle.Run("checkpoint_formats.py", args.ToArray());
        return path;
    }

    /// <summary>The model's first output in eval mode on <paramref name="weights"/> loaded strictly by its own code.</summary>
    public Tensor Forward(string weights, string input)
    {
        string output = Path.Combine(Folder, $"out-{System.Guid.NewGuid():N}.npy");
        PythonOracle.Run("checkpoint_formats.py", "forward", "--model", Model, "--weights", weights, "--input", input, "--output", output);
        return Segment.Runtime.Serialization.Npy.Load(output);
    }
}
