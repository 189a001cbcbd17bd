using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Segment.Generator.CodeFixes;

/// <summary>Replaces the attribute argument a diagnostic points at with an integer literal, keeping its trivia.</summary>
internal static class ExpectedValueWriter
{
    public static ExpressionSyntax? FindArgument(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<AttributeArgumentSyntax>()
            .FirstOrDefault()?.Expression;

    public static async Task<Document> ReplaceAsync(Document document, TextSpan span, int value, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        ExpressionSyntax? argument = root is null ? null : FindArgument(root, span);
        if (root is null || argument is null)
            return document;
        LiteralExpressionSyntax literal = SyntaxFactory
            .LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString(CultureInfo.InvariantCulture), value))
            .WithTriviaFrom(argument);
        return document.WithSyntaxRoot(root.ReplaceNode(argument, literal));
    }
}
