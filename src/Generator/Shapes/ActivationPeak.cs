using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>Channels of one live feature map at one spatial size: it holds Channels x H' x W' floats per image.</summary>
internal sealed record MemoryTerm(long Channels, SpatialSize Size);

/// <summary>
/// The busiest moment of an eval-mode forward without gradients: the feature maps alive together, as the generated
/// code allocates and disposes them (each intermediate freed after its last use, the caller's input and the results
/// kept). A child module adds what it holds while it runs: its output, and the temporaries inside it (an RSU stage's
/// own forward, a DoubleConv's hidden map, a Down's pooled input). Sizes stay symbolic; the peak step is the one
/// with the most floats per input pixel, which is the peak for every input large enough for memory to matter.
/// </summary>
internal sealed record ActivationPeak(string AfterStep, EquatableArray<MemoryTerm> Terms)
{
    /// <summary>
    /// Simulates <paramref name="program"/> on an input of <paramref name="inputShape"/>. <paramref name="whileRunning"/> gives, for a child-module step, what the
    /// module holds while it runs besides its input, its output included (null: just its output, as for a single convolution).
    /// </summary>
    public static ActivationPeak Of(ForwardProgram program, TensorShape inputShape, Func<Step, IReadOnlyList<MemoryTerm>?> whileRunning)
    {
        var steps = program.Steps;
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < steps.Count; i++)
            foreach (string used in steps[i].Inputs)
                lastUse[used] = i;
        var kept = new HashSet<string>(program.Results, StringComparer.Ordinal) { program.Input };

        var live = new Dictionary<string, MemoryTerm>(StringComparer.Ordinal);
        live[program.Input] = new MemoryTerm(inputShape.Channels, inputShape.Size);

        ActivationPeak best = new(program.Input, live.Values.ToEquatableArray());
        double bestWeight = Weight(best.Terms);
        for (int i = 0; i < steps.Count; i++)
        {
            Step s = steps[i];
            var during = new List<MemoryTerm>(live.Values);
            if (s.Op == OpKind.Module && whileRunning(s) is { } inside)
                during.AddRange(inside);
            else
                during.Add(new MemoryTerm(s.Shape.Channels, s.Shape.Size));
            double weight = Weight(during);
            if (weight > bestWeight)
            {
                bestWeight = weight;
                best = new ActivationPeak(s.Target, during.ToEquatableArray());
            }
            live[s.Target] = new MemoryTerm(s.Shape.Channels, s.Shape.Size);
            foreach (string used in s.Inputs.Distinct())
                if (lastUse[used] == i && !kept.Contains(used))
                    live.Remove(used);
        }
        return best with { Terms = Merge(best.Terms) };
    }

    /// <summary>What <see cref="Of"/> finds, minus the module's input (which its caller already counts): what it holds while it runs.</summary>
    public IReadOnlyList<MemoryTerm> WithoutInput(TensorShape input)
    {
        var terms = Terms.ToList();
        int at = terms.FindIndex(t => t.Size == input.Size && t.Channels >= input.Channels);
        if (at >= 0)
            terms[at] = terms[at] with { Channels = terms[at].Channels - input.Channels };
        return terms.Where(t => t.Channels > 0).ToList();
    }

    // Floats per input pixel: a map at level L holds Channels / 4^L of them.
    private static double Weight(IEnumerable<MemoryTerm> terms) => terms.Sum(t => t.Channels / Math.Pow(4, t.Size.Level));

    // One term per distinct size, so the emitted expression has a product per resolution.
    private static EquatableArray<MemoryTerm> Merge(IEnumerable<MemoryTerm> terms) =>
        terms.GroupBy(t => t.Size).Select(g => new MemoryTerm(g.Sum(t => t.Channels), g.Key)).OrderBy(t => t.Size.Level).ToEquatableArray();

}
