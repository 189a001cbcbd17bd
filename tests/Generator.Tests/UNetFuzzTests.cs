using System;
using System.Linq;
using System.Text;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// Random [UNet] and [UNetPlusPlus] declarations: each gives diagnostics or compiling code, never an exception,
/// SEG9001, or generated code for a declaration with errors. Seeded, so a failure reproduces.
/// </summary>
public sealed class UNetFuzzTests
{
    private const int Declarations = 200;
    private const int CompileChecks = 15;

    [Fact]
    public void Random_declarations_never_crash()
    {
        var random = new Random(20250304);
        int valid = 0, compiled = 0, standIns = 0;
        for (int i = 0; i < Declarations; i++)
        {
            string source = random.Next(2) == 0 ? RandomUNet(random, i) : RandomUNetPlusPlus(random, i);
            var compilation = GeneratorHarness.Compilation(($"Fuzz{i}.cs", source));
            var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
            GeneratorRun run = GeneratorHarness.Run(compilation);

            Assert.True(exceptions.Count == 0, $"analyzer threw {exceptions.FirstOrDefault()} on\n{source}");
            Assert.True(run.Result.Results.Single().Exception is null, $"generator threw on\n{source}");
            Assert.DoesNotContain(diagnostics.Concat(run.Diagnostics), d => d.Id.StartsWith("SEG9", StringComparison.Ordinal));
            bool generated = run.Sources.Any(s => s.HintName.EndsWith(".Module.g.cs", StringComparison.Ordinal));
            bool hasErrors = diagnostics.Any(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error); // a warning still generates
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
        Assert.InRange(valid, Declarations / 10, Declarations * 9 / 10);
    }

    private static string RandomUNet(Random r, int index)
    {
        int depth = Pick(r, r.Next(1, 6), r.Next(-1, 13), 0);
        var sb = new StringBuilder($"using Segment.Dsl;\n\nnamespace Fuzz;\n\n[UNet(Classes = {Pick(r, r.Next(1, 5), r.Next(-2, 1), 0)}, Depth = {depth}");
        if (r.Next(3) == 0)
        {
            int c0 = Pick(r, 4 << r.Next(0, 3), r.Next(-1, 9), 0);
            int length = Pick(r, depth + 1, r.Next(0, 7), 1);
            sb.Append(", Channels = new int[] { ").Append(string.Join(", ", Enumerable.Range(0, Math.Max(0, length)).Select(k => Pick(r, c0 << k, r.Next(-1, 70), 33)))).Append(" }");
        }
        else
        {
            sb.Append($", BaseChannels = {Pick(r, 4 << r.Next(0, 3), r.Next(-1, 9), depth % 2 == 0 ? 0 : 1 << 29)}"); // SEG2016 for 2^29 * 2^depth
        }
        if (r.Next(2) == 0) sb.Append(", Bilinear = false");
        if (r.Next(3) == 0) sb.Append($", AuxLevel = {Pick(r, r.Next(1, Math.Max(2, depth)), r.Next(-1, 8), depth)}");
        if (r.Next(5) == 0) sb.Append($", ClassWeights = new double[] {{ {string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(k => k + 1 + ".0"))} }}");
        sb.Append($", Name = \"{Pick(r, "unet" + index, "bad name", "")}\")]\n");
        AppendInput(r, sb, 1 << Math.Max(0, Math.Min(depth, 8)));
        return sb.Append($"public partial class Net{index}\n{{\n}}\n").ToString();
    }

    private static string RandomUNetPlusPlus(Random r, int index)
    {
        int levels = Pick(r, r.Next(1, 5), r.Next(-1, 12), 0);
        var filters = Enumerable.Range(0, Math.Max(0, levels + 1)).Select(k => Pick(r, 4 << k, r.Next(-1, 20), k % 2 == 0 ? 0 : (1 << 30) - 1));
        var sb = new StringBuilder($"using Segment.Dsl;\n\nnamespace Fuzz;\n\n[UNetPlusPlus(Filters = new int[] {{ {string.Join(", ", filters)} }}");
        sb.Append($", Classes = {Pick(r, r.Next(1, 4), r.Next(-2, 1), 0)}");
        if (r.Next(2) == 0) sb.Append(", DeepSupervision = true");
        sb.Append($", Name = \"unetpp{index}\")]\n");
        AppendInput(r, sb, 1 << Math.Max(0, Math.Min(levels, 8)));
        return sb.Append($"public partial class Net{index}\n{{\n}}\n").ToString();
    }

    private static void AppendInput(Random r, StringBuilder sb, int multiple)
    {
        if (r.Next(4) == 0)
            return;
        sb.Append($"[Input({Pick(r, 3, r.Next(1, 5), 0)}");
        if (r.Next(3) == 0)
        {
            int size = Pick(r, multiple * r.Next(1, 4), r.Next(-4, 200), multiple + 1);
            sb.Append($", Height = {size}");
            if (r.Next(8) != 0) sb.Append($", Width = {Pick(r, size, r.Next(0, 100), multiple)}");
        }
        sb.Append(")]\n");
    }

    private static T Pick<T>(Random r, T likely, T other, T edge)
    {
        int roll = r.Next(100);
        return roll < 85 ? likely : roll < 95 ? other : edge;
    }
}
