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

    public static Result Run(params string[] args) => Run(TimeSpan.FromMinutes(5), args);

    /// <summary>
    /// Runs with a bound on time: past <paramref name="timeout"/> the process is killed and the test fails (a FIFO
    /// read that blocks forever must not hang the suite). The managed heap is capped at 2 GiB so a reader that
    /// allocates what a hostile file claims fails fast instead of taking the machine.
    /// </summary>
    public static Result Run(TimeSpan timeout, params string[] args) => Run(timeout, [], args);

    /// <summary>As <see cref="Run(TimeSpan, string[])"/>, with extra environment variables for the process.</summary>
    public static Result Run(TimeSpan timeout, (string Name, string Value)[] environment, params string[] args)
    {
        if (!File.Exists(Dll))
            throw new InvalidOperationException($"{Dll} is missing: build the solution in Release first (./test.sh does)");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";
        foreach ((string name, string value) in environment)
            psi.Environment[name] = value;
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"segment {string.Join(' ', args)} ran past {timeout.TotalSeconds:F0} s");
        }
        p.WaitForExit();
        string stdout = stdoutTask.Result;
        return new Result(p.ExitCode, stdout, err.ToString());
    }
}
