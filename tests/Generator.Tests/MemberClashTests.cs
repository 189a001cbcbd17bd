using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// SEG1016: a member the user writes with the name of one the generator writes is one diagnostic on the user's member,
/// and nothing else: no CS0102 in generated code, no error in code that uses the class. Members of other names, and a
/// method overloading a generated method, are fine. Variations over the three families and the member kinds.
/// </summary>
public sealed class MemberClashTests
{
    public static IEnumerable<object[]> Clashes()
    {
        (string Member, string Name)[] members =
        [
            ("public static string Summary => \"mine\";", "Summary"),
            ("public static int ExportOnnx { get; set; }", "ExportOnnx"),
            ("public static int OnnxOutputShapes;", "OnnxOutputShapes"),
        ];
        foreach (string family in TinyNetworks.Declarations.Keys)
            foreach ((string member, string name) in members)
                yield return new object[] { family, member, name };
        yield return new object[] { "unet", "public readonly int out_conv = 1;", "out_conv" };
        yield return new object[] { "unet", "public int in_conv { get; }", "in_conv" };
        yield return new object[] { "unetpp", "public int final;", "final" };
        yield return new object[] { "u2net", "public class En1 { }", "En1" };
    }

    [Theory]
    [MemberData(nameof(Clashes))]
    public void A_member_of_a_generated_name_is_one_diagnostic_on_it(string family, string member, string name)
    {
        string source = Source(family, member);
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));
        var (diagnostics, exceptions) = GeneratorHarness.Analyze(compilation);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(exceptions);
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal("SEG1016", d.Id);
        int line = source.Split('\n').ToList().FindIndex(l => l.Contains(member, System.StringComparison.Ordinal));
        Assert.Equal((line, System.Text.RegularExpressions.Regex.Match(source.Split('\n')[line], $@"\b{name}\b").Index),
            (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains($"'{name}' is a member the generator writes into 'Tiny'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Diagnostics);
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
    }

    [Theory]
    [InlineData("u2net")]
    [InlineData("unet")]
    [InlineData("unetpp")]
    public void Members_of_other_names_and_overloads_are_fine(string family)
    {
        string source = Source(family, "public int Extra { get; set; }\n    public static string Describe() => Summary.Network;\n    public void ExportOnnx(int unused) { }");
        var compilation = GeneratorHarness.Compilation(("Tiny.cs", source));
        Assert.Empty(GeneratorHarness.Analyze(compilation).Diagnostics);
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Assert.Contains(run.Sources, s => s.HintName == "Demo.Tiny.Module.g.cs");
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
    }

    private static string Source(string family, string member) =>
        "using Segment.Dsl;\n\nnamespace Demo;\n\n" + TinyNetworks.Declarations[family] + "\n[Input(3)]\npublic partial class Tiny\n{\n    " + member + "\n}\n" + """

            public static class UsesTheNetwork
            {
                public static object Make() => new Demo.Tiny();
            }
            """;
}
