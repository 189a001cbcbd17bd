using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// <c>-- --min [N]</c>: the cold run and the unrelated edit N times each for SegmentGenerator and
/// <see cref="FloorGenerator"/>, interleaved, with the minimum, 10th percentile and median of each. On a shared
/// machine the mean mostly measures the other processes; the minimum is what a run costs when it gets a core.
/// </summary>
internal static class Minimums
{
    public static int Run(int rounds)
    {
        var trees = Inputs.ExampleTrees();
        var other = Inputs.Unrelated(1);
        var edited = Inputs.Unrelated(2);
        var compilation = Inputs.Compilation(trees.Add(other));
        var ranOnce = Inputs.Driver().RunGenerators(compilation);
        var floorRanOnce = Inputs.Driver(new FloorGenerator()).RunGenerators(compilation);
        var cases = new (string Name, Action Run)[]
        {
            ("cold, SegmentGenerator", () => Inputs.Driver().RunGenerators(Inputs.Compilation(trees.Add(other)))),
            ("cold, FloorGenerator", () => Inputs.Driver(new FloorGenerator()).RunGenerators(Inputs.Compilation(trees.Add(other)))),
            ("unrelated edit, SegmentGenerator", () => ranOnce.RunGenerators(compilation.ReplaceSyntaxTree(other, edited))),
            ("unrelated edit, FloorGenerator", () => floorRanOnce.RunGenerators(compilation.ReplaceSyntaxTree(other, edited))),
        };
        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        for (int round = 0; round < rounds + 20; round++)
        {
            foreach (var (name, run) in cases)
            {
                var watch = Stopwatch.StartNew();
                run();
                if (round >= 20)
                    times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine($"{trees.Length} networks, {rounds} rounds (after 20 warm-up rounds):");
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine($"  {name,-34} min {Ms(list[0])} ({Ms(list[0] / trees.Length)} per network)  p10 {Ms(list[list.Count / 10])}  median {Ms(list[list.Count / 2])}");
        }
        return 0;
    }

    private static string Ms(double ms) => ms.ToString("N3", CultureInfo.InvariantCulture) + " ms";
}
