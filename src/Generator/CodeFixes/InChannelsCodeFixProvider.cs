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

    // Fixing one stage changes what flows into the next, so batch fixing could chain wrongly; one at a time.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.InChannelsMismatch,
            expected => $"Set in-channels to {expected}",
            (document, span, expected, ct) => ExpectedValueWriter.ReplaceAsync(document, span, expected, ct));
}
