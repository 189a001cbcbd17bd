using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Segment.Generator.CodeFixes;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// SEG1017: a base class in the network class's base list (the generator supplies the base) is one diagnostic on that
/// entry, naming the base the generator supplies, and nothing else: no CS0263 or CS0534 in generated code, no error in
/// code that uses the class. Variations over the three families and the kinds of base (TorchSharp's modules, object,
/// the user's own abstract class, a base followed by an interface); the code fix removes the entry and the class generates.
/// </summary>
public sealed class BaseClassTests
{
    private const string UserTypes = """

        public abstract class Named
        {
            protected Named(string name) => Label = name;

            public string Label { get; }

            public abstract int Extra { get; set; }

            protected abstract void Touch(int @in);

            public abstract string Describe();
        }

        public class Plain
        {
        }

        public static class UsesTheNetwork
        {
            public static object Run(global::TorchSharp.torch.Tensor x)
            {
                var net = new Demo.Tiny();
                using var output = net.call(x);
                return output.ToNamedList();
            }

            public static string Name => Demo.Tiny.Summary.Network;
        }
        """;

    public static IEnumerable<object[]> Bases()
    {
        string[] bases =
        [
            "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>",
            "global::TorchSharp.torch.nn.Module",
            "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TinyOutput>",
            "object",
            "Named",
            "Plain, System.ICloneable",
        ];
        foreach (string family in TinyNetworks.Declarations.Keys)
            foreach (string b in bases)
                yield return new object[] { family, b };
    }

    [Theory]
    [MemberData(nameof(Bases))]
    public async Task A_base_class_is_one_diagnostic_on_it_and_the_fix_removes_it(string family, string baseList)
    {
        string source = Source(family, baseList);
        const string Interface = ", System.ICloneable";
        string written = baseList.EndsWith(Interface, System.StringComparison.Ordinal) ? baseList.Substring(0, baseList.Length - Interface.Length) : baseList;

        var diagnostics = GeneratorHarness.DiagnosticsOfCleanBuild(source);
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal("SEG1017", d.Id);
        string[] lines = source.Split('\n');
        int line = System.Array.FindIndex(lines, l => l.StartsWith("public partial class Tiny", System.StringComparison.Ordinal));
        Assert.Equal((line, lines[line].IndexOf(" : ", System.StringComparison.Ordinal) + 3),
            (d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character));
        string message = d.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains($"'Tiny' declares the base class '{written}'", message);
        Assert.Contains("TorchSharp.torch.nn.Module<Tensor, TinyOutput>", message);

        string fixedSource = await CodeFixTests.ApplyFirstFix(source, "SEG1017", new BaseClassCodeFixProvider());
        string remaining = written == baseList ? "" : " : System.ICloneable";
        Assert.Equal(source.Replace("public partial class Tiny : " + baseList + "\n", "public partial class Tiny" + remaining + "\n"), fixedSource);
        Assert.Empty(GeneratorHarness.DiagnosticsOfCleanBuild(fixedSource));
    }

    [Theory]
    [InlineData("u2net")]
    [InlineData("unet")]
    [InlineData("unetpp")]
    public void Interfaces_alone_are_fine(string family)
    {
        Assert.Empty(GeneratorHarness.DiagnosticsOfCleanBuild(Source(family, "System.ICloneable, System.IDisposable")));
    }

    private static string Source(string family, string baseList)
    {
        string body = baseList.Contains("ICloneable") ? "    public object Clone() => this;\n" : "";
        return "using Segment.Dsl;\n\nnamespace Demo;\n\n" + TinyNetworks.Declarations[family] + "\n[Input(3)]\npublic partial class Tiny : " + baseList
               + "\n{\n" + body + "}\n" + UserTypes;
    }
}
