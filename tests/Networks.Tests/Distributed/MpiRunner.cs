using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace Segment.Networks.Tests.Distributed;

/// <summary>
/// Runs the built command line under <c>mpirun -np N</c> on this machine, one libtorch thread per rank (as root
/// mpirun needs --allow-run-as-root, and --oversubscribe lets 2 ranks share fewer cores).
/// </summary>
public static class MpiRunner
{
    public static string? Mpirun { get; } = OnPath("mpirun");

    /// <summary>MPICH's launcher (Hydra) under the name Debian's mpich package gives it beside Open MPI's mpirun.</summary>
    public static string? MpichExec { get; } = OnPath("mpiexec.mpich");

    private static string? OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs the command line on <paramref name="ranks"/> MPICH ranks (mpiexec.mpich -n N; Hydra passes the environment on).</summary>
    public static CliRunner.Result RunMpich(int ranks, TimeSpan timeout, params string[] args)
    {
        using var job = Launch(MpichExec ?? throw new InvalidOperationException("no mpiexec.mpich"), ["-n", ranks.ToString()], new Dictionary<string, string>(), args);
        return job.Wait(timeout);
    }

    public static CliRunner.Result Run(int ranks, params string[] args) => Run(ranks, TimeSpan.FromMinutes(5), args);

    public static CliRunner.Result Run(int ranks, TimeSpan timeout, params string[] args)
    {
        using var job = Start(ranks, args);
        return job.Wait(timeout);
    }

    public static Job Start(int ranks, params string[] args) => Start(ranks, new Dictionary<string, string>(), args);

    /// <summary>Starts the job with <paramref name="environment"/> added to mpirun's, which the local ranks inherit.</summary>
    public static Job Start(int ranks, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Launch(Mpirun ?? throw new InvalidOperationException("no mpirun"), ["-np", ranks.ToString(), "--allow-run-as-root", "--oversubscribe"], environment, args);

    /// <summary>The command line under <paramref name="launcher"/> with its own <paramref name="options"/>, one libtorch thread per rank's share of the heap limit.</summary>
    private static Job Launch(string launcher, string[] options, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var psi = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in options.Concat(["dotnet", CliRunner.Dll]).Concat(args))
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        return new Job(Process.Start(psi)!, string.Join(' ', args));
    }

    /// <summary>An mpirun in flight: its output as it comes, its rank processes, its end.</summary>
    public sealed class Job : IDisposable
    {
        private readonly Process process;
        private readonly string command;
        private readonly StringBuilder stdout = new(), stderr = new();

        internal Job(Process process, string command)
        {
            this.process = process;
            this.command = command;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Stdout { get { lock (stdout) return stdout.ToString(); } }

        /// <summary>Waits until stdout holds <paramref name="text"/>; false if the job ended or the time ran out first.</summary>
        public bool WaitFor(string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout && !process.HasExited)
            {
                if (Stdout.Contains(text, StringComparison.Ordinal))
                    return true;
                Thread.Sleep(100);
            }
            return Stdout.Contains(text, StringComparison.Ordinal);
        }

        /// <summary>The rank processes: mpirun's children (it starts the local ranks itself).</summary>
        public IReadOnlyList<int> Ranks() => Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName).Where(n => n!.All(char.IsDigit)).Select(n => int.Parse(n!))
            .Where(pid => ParentOf(pid) == process.Id).ToList();

        public CliRunner.Result Wait(TimeSpan timeout)
        {
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"mpirun ... segment {command} ran past {timeout.TotalSeconds:F0} s");
            }
            process.WaitForExit();
            lock (stderr)
                return new CliRunner.Result(process.ExitCode, Stdout, stderr.ToString());
        }

        public void Dispose()
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }

        private static int ParentOf(int pid)
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                // pid (comm) state ppid ...: the name may hold spaces, so read after its closing parenthesis.
                return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return -1;
            }
        }
    }
}
