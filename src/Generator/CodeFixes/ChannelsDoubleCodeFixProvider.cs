using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2012: a UNet's Channels[k] is not first * 2^k, the first level most of the list agrees on; SEG2009: the same for
/// an odd count a bilinear UNet would halve; SEG2024: a UNet++ filter off the doubling the other filters agree on. The analyzer puts that value in the "Expected" property and points at the
/// element; the fix writes it there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChannelsDoubleCodeFixProvider)), Shared]
public sealed class ChannelsDoubleCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ChannelsMustDouble, DiagnosticIds.HalvedChannelsNotWhole, DiagnosticIds.FiltersDoNotDouble);

    // Every expected value comes from the list's agreed first level, which the fixes only confirm (the elements that
    // agree with it are never reported), so fixing all at once gives the doubling list.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (string id in FixableDiagnosticIds)
            await CodeFixRegistration.RegisterExpectedValue(
                context, id,
                expected => $"Set this level's channels to {expected}",
                (document, span, expected, ct) => ExpectedValueWriter.ReplaceElementAsync(document, span, expected, ct)).ConfigureAwait(false);
    }
}
