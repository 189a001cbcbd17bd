using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// What the code-fix providers share: registering one code action per diagnostic, either with a fixed title and
/// rewrite, or with the integer the analyzer put in the diagnostic's "Expected" property (diagnostics without a
/// readable value get no fix).
/// </summary>
/// <remarks>
/// Every action's equivalence key is the diagnostic id alone. Fix All (the IDE's, and <c>dotnet format analyzers</c>,
/// which takes the key of the first diagnostic's first action) fixes every diagnostic whose action has the same key:
/// a key holding the value (<c>SEG2001:16</c>) would fix only the diagnostics that expect that same value.
/// </remarks>
internal static class CodeFixRegistration
{
    /// <summary>One action per diagnostic, titled <paramref name="title"/>, with equivalence key <paramref name="diagnosticId"/>.</summary>
    public static Task RegisterFixed(
        CodeFixContext context, string diagnosticId, string title,
        Func<Document, TextSpan, CancellationToken, Task<Document>> rewrite)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    ct => rewrite(context.Document, diagnostic.Location.SourceSpan, ct),
                    equivalenceKey: diagnosticId),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// One action per diagnostic whose "Expected" property parses as an integer, titled <paramref name="title"/>(value),
    /// with equivalence key <paramref name="diagnosticId"/> (not the value: see the remarks above).
    /// </summary>
    public static Task RegisterExpectedValue(
        CodeFixContext context, string diagnosticId, Func<int, string> title,
        Func<Document, TextSpan, int, CancellationToken, Task<Document>> rewrite)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != diagnosticId
                || !diagnostic.Properties.TryGetValue(DiagnosticIds.ExpectedValueProperty, out string? text)
                || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int expected))
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    title(expected),
                    ct => rewrite(context.Document, diagnostic.Location.SourceSpan, expected, ct),
                    equivalenceKey: diagnosticId),
                diagnostic);
        }
        return Task.CompletedTask;
    }
}
