using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Segment.TestSupport;

namespace Segment.Onnx.Tests;

/// <summary>Runs tests/onnx/run_model.js: the model in ONNX Runtime (onnxruntime-node, CPU).</summary>
internal static class OnnxRuntimeNode
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "onnx");

    /// <summary>Runs <paramref name="model"/> on each set folder's in_*.npy, leaving actual_*.npy there.</summary>
    public static void Run(string model, IEnumerable<string> setDirs)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "onnxruntime-node")))
            throw new InvalidOperationException(
                $"onnxruntime-node is not installed in {Folder}: run ./scripts/setup.sh (npm install --ignore-scripts there)");
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        psi.ArgumentList.Add(Path.Combine(Folder, "run_model.js"));
        psi.ArgumentList.Add(model);
        foreach (string d in setDirs)
            psi.ArgumentList.Add(d);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stderr = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"onnxruntime-node failed on {model} (exit {p.ExitCode}):\n{stderr}\n{stdout}");
    }
}
