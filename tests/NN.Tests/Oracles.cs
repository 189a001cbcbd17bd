using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;

namespace Segment.NN.Tests;

/// <summary>
/// The PyTorch oracles, each run once per test run (importing torch costs seconds) into its own
/// folder; tests read the .npy files they wrote.
/// </summary>
internal static class Oracles
{
    private static readonly Lazy<string> ModulesDir = new(() => Run("nn_modules.py", "nn-modules"));
    private static readonly Lazy<string> OptimDir = new(() => Run("nn_optim.py", "nn-optim"));
    private static readonly Lazy<string> LossesDir = new(() => Run("nn_losses.py", "nn-losses"));

    /// <summary>nn_modules.py: structure.json, init/, forward/.</summary>
    public static string Modules => ModulesDir.Value;

    /// <summary>nn_optim.py: p*.npy, g*.npy and one folder of parameter trajectories per configuration.</summary>
    public static string Optim => OptimDir.Value;

    /// <summary>nn_losses.py: inputs and the seed's loss and metric values.</summary>
    public static string Losses => LossesDir.Value;

    private static string Run(string script, string prefix)
    {
        string dir = RepoPaths.NewTempDirectory(prefix);
        PythonOracle.Run(script, dir);
        return dir;
    }

    public static Tensor Load(string dir, string name) => Npy.Load(Path.Combine(dir, name.EndsWith(".npy", StringComparison.Ordinal) ? name : name + ".npy"));

    public static JsonElement Json(string dir, string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name))).RootElement.Clone();

    /// <summary>An ordered state dict read from <c>{prefix}{key}.npy</c> files for <paramref name="keys"/>.</summary>
    public static Dictionary<string, Tensor> LoadStateDict(string dir, IEnumerable<string> keys, string prefix = "")
    {
        var sd = new Dictionary<string, Tensor>();
        foreach (string key in keys)
            sd[key] = Load(dir, prefix + key);
        return sd;
    }
}
