using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Segment.TestSupport;

namespace Segment.Networks.Tests;

/// <summary>Runs the built command-line program (examples/Cli, Release) as a user would: a separate process.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Dll => Path.Combine(RepoPaths.Root, "examples", "Cli", "bin", "Release", "net10.0", "segment.dll");

    public static Result Run(params string[] args)
    {
        if (!File.Exists(Dll))
            throw new InvalidOperationException($"{Dll} is missing: build the solution in Release first (./test.sh does)");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout, err.ToString());
    }
}
