using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>SEG2003: an RSU-4F (Dilated) stage whose height is not 4; the only valid value is 4, so the fix writes it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DilatedHeightCodeFixProvider)), Shared]
public sealed class DilatedHeightCodeFixProvider : CodeFixProvider
{
    private const int Rsu4FHeight = 4;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DilatedHeight);

    // Each fix writes 4 in its own stage's height argument, which no other diagnostic reads: batch fixing is safe.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterFixed(
            context, DiagnosticIds.DilatedHeight, "Set the RSU-4F height to 4",
            (document, span, ct) => ExpectedValueWriter.ReplaceAsync(document, span, Rsu4FHeight, ct));
}
