using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Segment.TestSupport;

/// <summary>
/// Runs a PyTorch oracle script from tests/oracles with Debian's interpreter
/// (/usr/bin/python3, which has python3-torch and python3-onnx; the python3 first on PATH
/// may be another one without them).
/// </summary>
public static class PythonOracle
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> (a file name in tests/oracles) and returns its stdout; throws with stderr on failure.</summary>
    public static string Run(string script, params string[] args)
    {
        var psi = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Oracles,
        };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Oracles, script));
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        // Oracles run single-threaded unless they set otherwise: deterministic and friendly to parallel tests.
        psi.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Interpreter);
        var stderr = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"oracle {script} {string.Join(' ', args)} exited {p.ExitCode}:\n{stderr}\n{stdout}");
        return stdout;
    }
}
