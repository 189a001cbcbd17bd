using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Generator.Benchmarks -- --filter '*'</c> runs the BenchmarkDotNet
/// benchmarks (<see cref="GeneratorBenchmarks"/>). Other modes, by the first argument:
/// <list type="bullet">
/// <item><c>--first-run [--warm-roslyn] [--jit-list]</c>: this process's very first run (the generator's code not yet
/// JIT-compiled, as in a compiler process that has just loaded it), the methods JIT-compiled for it, and the time of each
/// pipeline step. <c>--warm-roslyn</c> runs <see cref="FloorGenerator"/> first, so Roslyn's own first-use costs are paid
/// before and the figure is the generator's share; <c>--jit-list</c> writes the JIT-compiled methods to jit-methods.txt.</item>
/// <item><c>--profile [N]</c>: a Stopwatch breakdown of the parts (<see cref="Profile"/>).</item>
/// <item><c>--min [N]</c>: the cold run's and the unrelated edit's minimum over N runs, beside Roslyn's floor (<see cref="Minimums"/>).</item>
/// </list>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--first-run")
            return FirstRun(args, warmRoslyn: args.Contains("--warm-roslyn"));
        if (args.Length > 0 && args[0] == "--min")
            return Minimums.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100);
        if (args.Length > 0 && args[0] == "--profile")
            return Profile.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int FirstRun(string[] args, bool warmRoslyn)
    {
        var trees = Inputs.ExampleTrees();
        var other = Inputs.Unrelated(1);
        var watch = Stopwatch.StartNew();
        if (warmRoslyn)
        {
            // Roslyn's own code JIT-compiled first (the compiler ships it ReadyToRun; this NuGet copy is not),
            // so the run below pays the generator's first-run cost only.
            Inputs.Driver(new FloorGenerator()).RunGenerators(Inputs.Compilation(trees.Add(other))).GetRunResult();
            Console.WriteLine($"Roslyn warmed by FloorGenerator in {Ms(watch.Elapsed.TotalMilliseconds)}");
        }
        var compilation = Inputs.Compilation(trees.Add(other));

        using var listener = args.Contains("--jit-list") ? new JitListener() : null;
        if (listener is not null)
        {
            System.Threading.Thread.Sleep(500); // the listener's session starts asynchronously
            listener.Recording = true;
        }
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount();
        TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime();
        watch.Restart();
        GeneratorDriver driver = Inputs.Driver().RunGenerators(compilation);
        double first = watch.Elapsed.TotalMilliseconds;
        methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methods;
        if (listener is not null)
        {
            listener.Recording = false;
            var all = listener.Methods.ToArray();
            Console.WriteLine($"{all.Length} methods recorded, {Ms(all.Sum(m => m.Ms))} from start to load; by type:");
            foreach (var g in all.GroupBy(m => m.Method.Substring(0, m.Method.IndexOf("::", StringComparison.Ordinal))).OrderByDescending(g => g.Sum(m => m.Ms)).Take(40))
                Console.WriteLine($"  {Ms(g.Sum(m => m.Ms)),10} {g.Count(),5}  {g.Key}");
            System.IO.File.WriteAllLines("jit-methods.txt", all.Select(m => m.Ms.ToString("F3", CultureInfo.InvariantCulture) + " " + m.Method));
        }
        double jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds;
        int files = driver.GetRunResult().Results.Single().GeneratedSources.Length;
        Console.WriteLine($"first run (JIT included): {Ms(first)} for {trees.Length} networks, {Ms(first / trees.Length)} per network, {files} files; "
            + $"{methods} methods JIT-compiled in {Ms(jitMs)}");

        // Cold again, JIT done, with step tracking for the breakdown (tracking itself costs a little).
        watch.Restart();
        var tracked = Inputs.Driver(track: true).RunGenerators(Inputs.Compilation(trees.Add(other)));
        double second = watch.Elapsed.TotalMilliseconds;
        GeneratorRunResult run = tracked.GetRunResult().Results.Single();
        Console.WriteLine($"second cold run (tracked): {Ms(second)}, {Ms(second / trees.Length)} per network");
        Breakdown(run);

        var editedCompilation = compilation.ReplaceSyntaxTree(other, Inputs.Unrelated(2));
        watch.Restart();
        var edited = tracked.RunGenerators(editedCompilation);
        double edit = watch.Elapsed.TotalMilliseconds;
        GeneratorRunResult editRun = edited.GetRunResult().Results.Single();
        Console.WriteLine($"unrelated edit (tracked): {Ms(edit)}");
        Breakdown(editRun);
        return 0;
    }

    private static void Breakdown(GeneratorRunResult run)
    {
        // TrackedSteps holds the named steps, Roslyn's own and the outputs ("SourceOutput") too.
        var steps = run.TrackedSteps
            .Select(kv => (Name: kv.Key, Ms: kv.Value.Sum(s => s.ElapsedTime.TotalMilliseconds), Runs: kv.Value.Length,
                Reasons: string.Join(",", kv.Value.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key}:{g.Count()}"))))
            .OrderByDescending(s => s.Ms);
        foreach (var (name, ms, runs, reasons) in steps)
            Console.WriteLine($"  {name,-32} {Ms(ms),10}  {runs,3} step(s)  {reasons}");
    }

    private static string Ms(double ms) => ms.ToString("N2", CultureInfo.InvariantCulture) + " ms";
}
