using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG1017: the network class names a base class, which the generator supplies. The fix removes that entry from the
/// base list (the whole list when it was the only entry); interfaces after it stay.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BaseClassCodeFixProvider)), Shared]
public sealed class BaseClassCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ExplicitBaseClass);

    // One diagnostic per class declaration, and each fix only touches that declaration's base list.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterFixed(context, DiagnosticIds.ExplicitBaseClass, "Remove the base class (the generator supplies it)", RemoveBaseAsync);

    private static async Task<Document> RemoveBaseAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        BaseTypeSyntax? entry = root?.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<BaseTypeSyntax>().FirstOrDefault();
        if (root is null || entry?.Parent is not BaseListSyntax list || list.Parent is not TypeDeclarationSyntax type)
            return document;
        TypeDeclarationSyntax fixedType = list.Types.Count > 1
            ? type.WithBaseList(list.WithTypes(list.Types.Remove(entry)))
            // "class Tiny : Base\n{": the name takes the list's line end, so no space or blank line is left behind.
            : type.WithBaseList(null).WithIdentifier(type.Identifier.WithTrailingTrivia(list.GetTrailingTrivia()));
        return document.WithSyntaxRoot(root.ReplaceNode(type, fixedType));
    }
}
