using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace Segment.Generator.CodeFixes;

/// <summary>SEG2010: deep supervision on a UNet++ of one level; the one value that fixes it is <c>DeepSupervision = false</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeepSupervisionCodeFixProvider)), Shared]
public sealed class DeepSupervisionCodeFixProvider : CodeFixProvider
{
    private const string DeepSupervisionArgument = "DeepSupervision";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DeepSupervisionTooShallow);

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Set DeepSupervision to false",
                    ct => ExpectedValueWriter.SetNamedArgumentAsync(
                        context.Document, diagnostic.Location.SourceSpan, DeepSupervisionArgument,
                        SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression), ct),
                    equivalenceKey: DiagnosticIds.DeepSupervisionTooShallow),
                diagnostic);
        }
        return Task.CompletedTask;
    }
}
