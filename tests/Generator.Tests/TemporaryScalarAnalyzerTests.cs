using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Segment.Build.Analyzers;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// The repository's SEGDEV001/SEGDEV002 (build/analyzers): every way our code can leave a TorchSharp Scalar
/// that nothing holds during a native call is reported, and the held forms are not.
/// </summary>
public class TemporaryScalarAnalyzerTests
{
    private const string Usings = "using TorchSharp; using static TorchSharp.torch; using Segment.Runtime;\n";

    [Theory]
    [InlineData("t.mul(2.0)", "SEGDEV001")]                      // implicit conversion of an argument
    [InlineData("t.clamp(0.0, 1.0)", "SEGDEV001")]
    [InlineData("t.mul((Scalar)2.0)", "SEGDEV001")]              // a cast is the same conversion
    [InlineData("t.mul(2.0.ToScalar())", "SEGDEV001")]           // ToScalar() passed straight in
    [InlineData("t * 2.0", "SEGDEV002")]                         // the operator converts inside TorchSharp
    [InlineData("t - 1", "SEGDEV002")]
    [InlineData("t + u", "SEGDEV002")]                           // Tensor + Tensor: add's alpha 1
    [InlineData("t.add(u)", "SEGDEV002")]
    [InlineData("torch.add(t, u)", "SEGDEV002")]
    [InlineData("t.addcdiv(t, u)", "SEGDEV002")]
    public void A_scalar_nothing_holds_is_reported(string expression, string id)
    {
        ImmutableArray<Diagnostic> diagnostics = Analyze($"Tensor r = {expression};");
        Assert.Contains(diagnostics, d => d.Id == id);
    }

    [Fact]
    public void A_compound_assignment_with_a_number_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = Analyze("t += 1.0; Tensor r = t;");
        Assert.Equal(new[] { "SEGDEV002" }, diagnostics.Select(d => d.Id).Distinct());
    }

    [Theory]
    [InlineData("using Scalar two = 2.0.ToScalar(); Tensor r = t.mul(two);")]
    [InlineData("using Scalar two = 2.0; Tensor r = t.mul(two);")]
    [InlineData("Tensor r; using (Scalar two = 2.0.ToScalar()) r = t.mul(two);")]
    [InlineData("using Scalar a = 1.0.ToScalar(), b = 2.0.ToScalar(); Tensor r = t.clamp(a, b);")]
    [InlineData("Tensor r = t.add(u, Scalars.One);")]
    [InlineData("Tensor r = t.add(u, Held);")]
    [InlineData("Stored = 2.0.ToScalar(); Tensor r = t.mul(Stored);")]  // a field the object keeps
    [InlineData("Tensor r = t * u - u / t;")]                    // no Scalar anywhere: mul, sub and div of tensors
    [InlineData("Tensor r = t.sub(u);")]                         // sub has no alpha of its own
    public void A_held_scalar_or_none_is_not_reported(string statements)
    {
        Assert.Empty(Analyze(statements));
    }

    private static ImmutableArray<Diagnostic> Analyze(string statements)
    {
        string source = Usings + $$"""
            static class Sample
            {
                private static readonly Scalar Held = 3.0.ToScalar();
                private static Scalar Stored = Held;

                public static Tensor Run(Tensor t, Tensor u)
                {
                    {{statements}}
                    return r;
                }
            }
            """;
        Compilation compilation = GeneratorHarness.Compilation(("Sample.cs", source));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var withAnalyzer = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TemporaryScalarAnalyzer()));
        return withAnalyzer.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
