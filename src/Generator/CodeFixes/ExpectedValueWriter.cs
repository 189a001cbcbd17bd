using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// Rewrites attribute arguments for the code fixes: the argument a diagnostic points at, replaced by an integer literal
/// (keeping its trivia), or a named argument of the same attribute, set (replaced or added).
/// </summary>
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
        return root is null || argument is null ? document : WithLiteral(document, root, argument, value);
    }

    /// <summary>
    /// Replaces the expression the diagnostic points at exactly (an element of a list argument such as
    /// <c>Channels = new[] { 8, 12 }</c>) with an integer literal, keeping its trivia.
    /// </summary>
    public static async Task<Document> ReplaceElementAsync(Document document, TextSpan span, int value, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        ExpressionSyntax? element = root?.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<ExpressionSyntax>()
            .FirstOrDefault(e => e.Span == span);
        return root is null || element is null ? document : WithLiteral(document, root, element, value);
    }

    // The expression replaced by the integer literal, keeping its trivia.
    private static Document WithLiteral(Document document, SyntaxNode root, ExpressionSyntax expression, int value)
    {
        LiteralExpressionSyntax literal = SyntaxFactory
            .LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString(CultureInfo.InvariantCulture), value))
            .WithTriviaFrom(expression);
        return document.WithSyntaxRoot(root.ReplaceNode(expression, literal));
    }

    /// <summary>
    /// In the attribute holding the argument at <paramref name="span"/>: replaces the value of the named argument
    /// <paramref name="name"/> with <paramref name="value"/>, or adds <c>name = value</c> right after that argument.
    /// </summary>
    public static async Task<Document> SetNamedArgumentAsync(Document document, TextSpan span, string name, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        AttributeArgumentSyntax? anchor = root?.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<AttributeArgumentSyntax>()
            .FirstOrDefault();
        if (root is null || anchor?.Parent is not AttributeArgumentListSyntax list)
            return document;

        AttributeArgumentSyntax? existing = list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        if (existing is not null)
            return document.WithSyntaxRoot(root.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression)));

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(
                SyntaxFactory.IdentifierName(name),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            null,
            value.WithoutTrivia());
        int at = list.Arguments.IndexOf(anchor) + 1;
        var nodes = list.Arguments.ToList();
        var separators = list.Arguments.GetSeparators().ToList();
        nodes.Insert(at, added);
        separators.Insert(at - 1, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        if (at == nodes.Count - 1 && anchor.HasTrailingTrivia)
        {
            // The anchor was last: its trailing trivia (before ')') moves to the new last argument.
            nodes[at - 1] = anchor.WithoutTrailingTrivia();
            nodes[at] = added.WithTrailingTrivia(anchor.GetTrailingTrivia());
        }
        AttributeArgumentListSyntax updated = list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators));
        return document.WithSyntaxRoot(root.ReplaceNode(list, updated));
    }

    public static LiteralExpressionSyntax Literal(int value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString(CultureInfo.InvariantCulture), value));
}
