using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2011: a UNet++'s fixed Height or Width is not a multiple of 2^levels. The analyzer puts the next multiple
/// (the size to pad the images to) in the "Expected" property; the fix writes it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InputSizeCodeFixProvider)), Shared]
public sealed class InputSizeCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InputNotDivisible);

    // Height and Width are fixed independently (each expected size comes from the levels, which no fix changes),
    // so fixing all at once is safe.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.InputNotDivisible,
            expected => $"Set the size to {expected}",
            (document, span, expected, ct) => ExpectedValueWriter.ReplaceAsync(document, span, expected, ct));
}
