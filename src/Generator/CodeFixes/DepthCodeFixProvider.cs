using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2008: a [UNet]'s Channels list does not hold Depth + 1 values. The analyzer puts the depth the list gives
/// (its length minus one, when that depth is allowed) in the "Expected" property; the fix sets <c>Depth</c> to it,
/// replacing the written value or adding <c>Depth = n</c> after <c>Channels</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DepthCodeFixProvider)), Shared]
public sealed class DepthCodeFixProvider : CodeFixProvider
{
    private const string DepthArgument = "Depth";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ChannelListLength);

    // One diagnostic per attribute, each fixing its own Depth: batch fixing is safe.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.ChannelListLength,
            depth => $"Set Depth to {depth}",
            (document, span, depth, ct) => ExpectedValueWriter.SetNamedArgumentAsync(document, span, DepthArgument, ExpectedValueWriter.Literal(depth), ct));
}
