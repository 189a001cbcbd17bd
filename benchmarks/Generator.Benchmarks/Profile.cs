using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Emitters;
using Segment.Generator.Families;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// <c>-- --profile [N]</c>: a Stopwatch breakdown of one cold run over the example networks, averaged over N
/// repetitions after a warm-up: symbol binding (Roslyn), each family's Parser, Shapes and every emitter, the
/// parse of the generated text (which the driver does for each AddSource), and the whole driver run.
/// </summary>
internal static class Profile
{
    public static int Run(int repetitions)
    {
        var trees = Inputs.ExampleTrees();
        var timings = new Dictionary<string, double>();
        for (int round = 0; round < repetitions + 3; round++)
        {
            bool measured = round >= 3;
            void Time(string name, Action action)
            {
                var watch = Stopwatch.StartNew();
                action();
                if (measured)
                    timings[name] = timings.TryGetValue(name, out double t) ? t + watch.Elapsed.TotalMilliseconds : watch.Elapsed.TotalMilliseconds;
            }

            var compilation = Inputs.Compilation(trees);
            var symbols = new List<INamedTypeSymbol>();
            Time("roslyn: declared symbols + GetAttributes", () =>
            {
                foreach (SyntaxTree tree in trees)
                {
                    SemanticModel model = compilation.GetSemanticModel(tree);
                    foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
                    {
                        var symbol = model.GetDeclaredSymbol(declaration)!;
                        _ = symbol.GetAttributes();
                        symbols.Add(symbol);
                    }
                }
            });

            var texts = new List<string>();
            foreach (INamedTypeSymbol symbol in symbols)
            {
                string attribute = symbol.GetAttributes()[0].AttributeClass!.ToDisplayString();
                INetworkFamily family = NetworkFamilies.All.Single(f => f.AttributeMetadataName == attribute);
                NetworkSpec? spec = null;
                Time($"{family.Name} parse", () => spec = family.Parse(symbol, CancellationToken.None));
                NetworkAnalysis? analysis = null;
                Time($"{family.Name} shapes", () => analysis = family.Analyze(spec!));
                foreach (var (suffix, render) in family.Files(analysis!.Model!))
                    Time($"emit {family.Name} {suffix.Split('.')[1]}", () => texts.Add(render()));
            }
            Time("roslyn: parse generated text", () =>
            {
                foreach (string text in texts)
                    _ = CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(text, System.Text.Encoding.UTF8), Inputs.ParseOptions).GetRoot();
            });
            if (round == 3)
                Console.WriteLine($"{symbols.Count} networks, {texts.Count} files, {texts.Sum(t => t.Length):N0} characters generated");
            Time("driver: whole cold run", () => Inputs.Driver().RunGenerators(Inputs.Compilation(trees)));
            var added = new AddTexts(texts);
            Time("driver: AddSource of the same texts only", () => Inputs.Driver(added).RunGenerators(Inputs.Compilation(trees)));
        }

        // The unrelated edit: what the transforms re-run over a new compilation (Roslyn has bound the attributes).
        var other = Inputs.Unrelated(1);
        var baseCompilation = Inputs.Compilation(trees.Add(other));
        for (int round = 0; round < repetitions + 3; round++)
        {
            bool measured = round >= 3;
            var edited = baseCompilation.ReplaceSyntaxTree(other, Inputs.Unrelated(2 + round));
            var symbols = new List<INamedTypeSymbol>();
            var watch = Stopwatch.StartNew();
            foreach (SyntaxTree tree in trees)
            {
                SemanticModel model = edited.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
                {
                    var symbol = model.GetDeclaredSymbol(declaration)!;
                    _ = symbol.GetAttributes();
                    symbols.Add(symbol);
                }
            }
            double bind = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            foreach (INamedTypeSymbol symbol in symbols)
            {
                _ = symbol.GetAttributes()[0].AttributeClass!.Name switch
                {
                    "U2NetAttribute" => (object?)U2NetParser.Parse(symbol, CancellationToken.None),
                    "UNetAttribute" => UNetParser.Parse(symbol, CancellationToken.None),
                    _ => UNetPlusPlusParser.Parse(symbol, CancellationToken.None),
                };
            }
            double parse = watch.Elapsed.TotalMilliseconds;
            if (measured)
            {
                timings["edit: roslyn symbols + GetAttributes"] = timings.GetValueOrDefault("edit: roslyn symbols + GetAttributes") + bind;
                timings["edit: parse all networks again"] = timings.GetValueOrDefault("edit: parse all networks again") + parse;
            }
        }

        foreach (var (name, total) in timings.OrderByDescending(kv => kv.Value))
            Console.WriteLine($"  {name,-42} {(total / repetitions).ToString("N3", CultureInfo.InvariantCulture),9} ms per run");
        return 0;
    }
}

/// <summary>A generator that adds given texts: what the driver itself costs for the generator's output.</summary>
internal sealed class AddTexts : IIncrementalGenerator
{
    private readonly List<string> texts;

    public AddTexts(List<string> texts) => this.texts = texts;

    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterPostInitializationOutput(ctx =>
        {
            for (int i = 0; i < texts.Count; i++)
                ctx.AddSource("File" + i.ToString(CultureInfo.InvariantCulture) + ".g.cs", texts[i]);
        });
}
