using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticIds.ExpectedValueProperty, out string? text)
                || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int expected))
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Set in-channels to {expected}",
                    ct => ExpectedValueWriter.ReplaceAsync(context.Document, diagnostic.Location.SourceSpan, expected, ct),
                    equivalenceKey: DiagnosticIds.InChannelsMismatch + ":" + expected),
                diagnostic);
        }
        return Task.CompletedTask;
    }
}
