using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// <c>-- --edit-min [N]</c>: the unrelated edit N times for SegmentGenerator and <see cref="FloorGenerator"/>,
/// interleaved, with the minimum, 10th percentile and median of each. On a shared machine the mean mostly
/// measures the other processes; the minimum is what the run costs when it gets a core.
/// </summary>
internal static class EditMinimum
{
    public static int Run(int rounds)
    {
        var trees = Inputs.ExampleTrees();
        var other = Inputs.Unrelated(1);
        var edited = Inputs.Unrelated(2);
        var compilation = Inputs.Compilation(trees.Add(other));
        var drivers = new (string Name, GeneratorDriver Driver)[]
        {
            ("SegmentGenerator", Inputs.Driver().RunGenerators(compilation)),
            ("FloorGenerator", Inputs.Driver(new FloorGenerator()).RunGenerators(compilation)),
        };
        var times = drivers.ToDictionary(d => d.Name, _ => new List<double>());
        for (int round = 0; round < rounds + 20; round++)
        {
            foreach (var (name, driver) in drivers)
            {
                var next = compilation.ReplaceSyntaxTree(other, edited);
                var watch = Stopwatch.StartNew();
                driver.RunGenerators(next);
                if (round >= 20)
                    times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        Console.WriteLine($"unrelated edit, {trees.Length} networks, {rounds} rounds:");
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine($"  {name,-18} min {Ms(list[0])}  p10 {Ms(list[list.Count / 10])}  median {Ms(list[list.Count / 2])}");
        }
        return 0;
    }

    private static string Ms(double ms) => ms.ToString("N3", CultureInfo.InvariantCulture) + " ms";
}
