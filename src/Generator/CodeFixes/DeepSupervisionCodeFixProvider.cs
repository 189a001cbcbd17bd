using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace Segment.Generator.CodeFixes;

/// <summary>SEG2010: deep supervision on a UNet++ of one level; the one value that fixes it is <c>DeepSupervision = false</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeepSupervisionCodeFixProvider)), Shared]
public sealed class DeepSupervisionCodeFixProvider : CodeFixProvider
{
    private const string DeepSupervisionArgument = "DeepSupervision";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DeepSupervisionTooShallow);

    // One diagnostic per attribute, each fixing its own DeepSupervision: batch fixing is safe.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterFixed(
            context, DiagnosticIds.DeepSupervisionTooShallow, "Set DeepSupervision to false",
            (document, span, ct) => ExpectedValueWriter.SetNamedArgumentAsync(
                document, span, DeepSupervisionArgument,
                SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression), ct));
}
