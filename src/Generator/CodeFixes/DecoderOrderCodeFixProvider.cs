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
/// SEG1015: a U²-Net's decoders are written shallowest first. The fix reverses the [Decoder] attributes in place
/// (each keeps its own arguments; the encoders and every other attribute stay where they are).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DecoderOrderCodeFixProvider)), Shared]
public sealed class DecoderOrderCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.DecodersReversed);

    // One diagnostic per class, and each fix only touches its own class's attributes.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterFixed(context, DiagnosticIds.DecodersReversed, "List the decoders deepest first", ReverseDecodersAsync);

    private static async Task<Document> ReverseDecodersAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        TypeDeclarationSyntax? type = root?.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (root is null || type is null)
            return document;
        var decoders = type.AttributeLists.SelectMany(l => l.Attributes).Where(IsDecoder).ToList();
        if (decoders.Count < 2)
            return document;
        return document.WithSyntaxRoot(root.ReplaceNodes(decoders, (original, _) =>
            decoders[decoders.Count - 1 - decoders.IndexOf(original)].WithTriviaFrom(original)));
    }

    private static bool IsDecoder(AttributeSyntax attribute)
    {
        string name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => "",
        };
        return name is "Decoder" or "DecoderAttribute";
    }
}
