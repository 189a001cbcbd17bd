using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Segment.TestSupport;

namespace Segment.Onnx.Tests;

/// <summary>Runs the command-line program (examples/Cli, built in Release with this project) as a separate process.</summary>
internal static class SegmentCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Dll => Path.Combine(RepoPaths.Root, "examples", "Cli", "bin", "Release", "net10.0", "segment.dll");

    public static Result Run(params string[] args)
    {
        if (!File.Exists(Dll))
            throw new InvalidOperationException($"{Dll} is missing: build tests/Onnx.Tests in Release (it builds the CLI)");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout, err.ToString());
    }
}
