using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2023: a U²-Net stage's out-channels disagree with every stage that reads them, and those agree on one value.
/// The analyzer puts that value in the "Expected" property and points at the out-channels argument; the fix writes it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutChannelsCodeFixProvider)), Shared]
public sealed class OutChannelsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.OutChannelsMismatch);

    // Each diagnostic's value comes from its consumers' in-channels, which no SEG2023 fix changes: batch fixing is safe.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.OutChannelsMismatch,
            expected => $"Set the out-channels to {expected}",
            (document, span, expected, ct) => ExpectedValueWriter.ReplaceAsync(document, span, expected, ct));
}
