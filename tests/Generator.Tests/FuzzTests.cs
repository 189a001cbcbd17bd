using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Hundreds of random declarations: each gives diagnostics or compiling code, never an exception,
/// an internal-error diagnostic (SEG9001) or generated code for a declaration with errors.
/// Seeded, so a failure reproduces; the failing source is in the assertion message.
/// </summary>
public sealed class FuzzTests
{
    private const int Declarations = 300;
    private const int CompileChecks = 25; // compiling is the slow part; the first valid ones are checked

    [Fact]
    public void Random_declarations_never_crash()
    {
        var random = new Random(20240611);
        int valid = 0, compiled = 0, standIns = 0;
        for (int i = 0; i < Declarations; i++)
        {
            string source = RandomDeclaration(random, i);
            var compilation = GeneratorHarness.Compilation(($"Fuzz{i}.cs", source));

            var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
            GeneratorRun run = GeneratorHarness.Run(compilation);
            var result = run.Result.Results.Single();

            Assert.True(exceptions.Count == 0, $"analyzer threw {exceptions.FirstOrDefault()} on\n{source}");
            Assert.True(result.Exception is null, $"generator threw {result.Exception} on\n{source}");
            Assert.DoesNotContain(diagnostics.Concat(run.Diagnostics), d => d.Id.StartsWith("SEG9", StringComparison.Ordinal));

            bool generated = run.Sources.Any(s => s.HintName.EndsWith(".Module.g.cs", StringComparison.Ordinal));
            bool hasErrors = diagnostics.Any(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error); // a warning (SEG2018) still generates
            Assert.True(generated != hasErrors, $"generated={generated} with {diagnostics.Length} diagnostic(s) on\n{source}");
            if (!generated)
            {
                // A declaration with errors gets a stand-in (nothing when the class itself is wrong: not partial); it must compile too.
                bool standIn = run.Sources.Any(s => s.HintName.EndsWith(".NotGenerated.g.cs", StringComparison.Ordinal));
                bool classLevel = diagnostics.Any(d => d.Id == "SEG1001");
                Assert.True(standIn != classLevel, $"stand-in={standIn} with {string.Join(", ", diagnostics.Select(d => d.Id))} on\n{source}");
                if (standIn && standIns++ < CompileChecks)
                {
                    var standInErrors = GeneratorHarness.CompileErrors(run.Output);
                    Assert.True(standInErrors.IsEmpty, $"{string.Join("\n", standInErrors.Take(5).Select(GeneratorHarness.Describe))}\non\n{source}");
                }
                continue;
            }
            valid++;
            if (compiled++ < CompileChecks)
            {
                var errors = GeneratorHarness.CompileErrors(run.Output);
                Assert.True(errors.IsEmpty, $"{string.Join("\n", errors.Take(5).Select(GeneratorHarness.Describe))}\non\n{source}");
            }
        }
        // The generator must be exercised on both sides: enough valid and enough invalid declarations.
        Assert.InRange(valid, Declarations / 10, Declarations * 9 / 10);
    }

    /// <summary>A U of random depth; each value is right most of the time and wrong (or absurd) some of the time.</summary>
    private static string RandomDeclaration(Random r, int index)
    {
        int encoders = r.Next(10) == 0 ? r.Next(0, 3) : r.Next(2, 7);
        int decoders = r.Next(8) == 0 ? r.Next(0, 7) : Math.Max(0, encoders - 1);
        int outChannels = Pick(r, 1, r.Next(2, 6), r.Next(-1, 1));
        int inputChannels = Pick(r, 3, r.Next(1, 5), index % 2 == 0 ? 0 : 1 << 30); // SEG2004 / SEG2016, never SEG9001

        var sb = new StringBuilder("using Segment.Dsl;\n\nnamespace Fuzz;\n\n");
        sb.Append($"[U2Net(OutChannels = {outChannels}");
        if (r.Next(6) == 0) sb.Append($", SideKernelSize = {r.Next(-1, 6)}");
        if (r.Next(8) == 0) sb.Append($", Name = \"{Pick(r, "net-" + index, "bad name", "")}\"");
        else sb.Append($", Name = \"net{index}\"");
        if (r.Next(6) == 0) sb.Append($", FusedLossWeight = {Pick(r, 0.5, double.NaN, -1.0).ToString("R", CultureInfo.InvariantCulture).Replace("NaN", "double.NaN")}");
        sb.Append(")]\n");
        if (r.Next(5) != 0)
        {
            sb.Append($"[Input({inputChannels}");
            if (r.Next(3) == 0)
            {
                int size = Pick(r, 64, r.Next(-8, 600), 1 << r.Next(0, 10));
                sb.Append($", Height = {size}");
                if (r.Next(8) != 0) sb.Append($", Width = {Pick(r, size, r.Next(0, 300), 16)}");
            }
            sb.Append(")]\n");
        }

        var outs = new List<int>();
        var lines = new List<string>();
        int previous = inputChannels;
        for (int k = 0; k < encoders; k++)
        {
            bool dilated = k >= encoders - 2 && r.Next(3) != 0;
            int @out = Pick(r, 8 << r.Next(0, 4), r.Next(-2, 20), 0);
            outs.Add(@out);
            lines.Add(Stage(r, "Encoder", $"En{k + 1}", dilated, Pick(r, previous, r.Next(-1, 40), 7), @out, side: k == encoders - 1 ? r.Next(4) != 0 : r.Next(10) == 0));
            previous = @out;
        }
        for (int j = 0; j < decoders; j++)
        {
            int skipIndex = encoders - 2 - j;
            int skip = skipIndex >= 0 && skipIndex < outs.Count ? outs[skipIndex] : 8;
            int @out = Pick(r, skip, 8 << r.Next(0, 3), r.Next(-1, 3));
            lines.Add(Stage(r, "Decoder", $"De{encoders - 1 - j}", dilated: j == 0 && r.Next(2) == 0, Pick(r, previous + skip, r.Next(1, 90), -4), @out, side: r.Next(3) != 0));
            previous = @out;
        }
        if (r.Next(15) == 0 && lines.Count > 1)
            (lines[0], lines[lines.Count - 1]) = (lines[lines.Count - 1], lines[0]); // out of order
        if (r.Next(15) == 0 && lines.Count > 1)
            lines[1] = lines[1].Replace("\"En2\"", "\"En1\"").Replace("\"De", "\"En1\" + \""); // duplicate name
        foreach (string line in lines)
            sb.Append(line).Append('\n');
        sb.Append(r.Next(30) == 0 ? "public class Net" : "public partial class Net").Append(index).Append("\n{\n}\n");
        return sb.ToString();
    }

    private static string Stage(Random r, string kind, string name, bool dilated, int inChannels, int outChannels, bool side)
    {
        int height = dilated ? Pick(r, 4, r.Next(-1, 9), 4) : Pick(r, r.Next(2, 8), r.Next(-1, 3), 9);
        int mid = Pick(r, 4 << r.Next(0, 4), r.Next(-1, 5), height % 2 == 0 ? 0 : (1 << 29) + height);
        var sb = new StringBuilder($"[{kind}(\"{Pick(r, name, name, r.Next(20) == 0 ? "2bad" : name)}\", {height}, {inChannels}, {mid}, {outChannels}");
        if (dilated) sb.Append(", Dilated = true");
        if (side) sb.Append(", Side = true");
        if (side && r.Next(5) == 0) sb.Append($", SideLossWeight = {r.Next(0, 3)}.5");
        return sb.Append(")]").ToString();
    }

    /// <summary>The likely value 93% of the time, otherwise one of two alternatives.</summary>
    private static T Pick<T>(Random r, T likely, T other, T edge)
    {
        int roll = r.Next(100);
        return roll < 93 ? likely : roll < 97 ? other : edge;
    }
}
