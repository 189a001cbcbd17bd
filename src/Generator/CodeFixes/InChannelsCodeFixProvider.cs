using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2001: a stage declares in-channels that differ from what flows into it. The analyzer puts the
/// expected number in the diagnostic's "Expected" property; the fix writes it in place of the argument.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InChannelsCodeFixProvider)), Shared]
public sealed class InChannelsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.InChannelsMismatch);

    // Batch fixing is safe: each diagnostic's expected number is what flows into the stage, computed from the input's
    // channels and the other stages' OUT-channels; the fix writes only the stage's IN-channels, so fixing one stage
    // changes no other diagnostic's expected number, and the fixes (one argument each) never overlap.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.InChannelsMismatch,
            expected => $"Set in-channels to {expected}",
            (document, span, expected, ct) => ExpectedValueWriter.ReplaceAsync(document, span, expected, ct));
}
