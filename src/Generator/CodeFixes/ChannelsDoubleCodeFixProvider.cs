using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2012: a UNet's Channels[k] is not Channels[0] * 2^k. The analyzer puts that value in the "Expected"
/// property and points at the element; the fix writes it there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChannelsDoubleCodeFixProvider)), Shared]
public sealed class ChannelsDoubleCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ChannelsMustDouble);

    // Every expected value comes from Channels[0], which no SEG2012 fix changes (level 0 is never reported),
    // so fixing all at once gives the doubling list.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.ChannelsMustDouble,
            expected => $"Set this level's channels to {expected}",
            (document, span, expected, ct) => ExpectedValueWriter.ReplaceElementAsync(document, span, expected, ct));
}
