using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Segment.Generator.CodeFixes;

/// <summary>
/// SEG2020: [Blocks(Norm = Norm.Group, Groups = g)] with a g that does not divide some block's channels. The analyzer
/// puts the largest group count up to g that divides every block's channels in the "Expected" property; the fix writes it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GroupsCodeFixProvider)), Shared]
public sealed class GroupsCodeFixProvider : CodeFixProvider
{
    private const string GroupsArgument = "Groups";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.GroupsDoNotDivide);

    // One diagnostic per [Blocks], each fixing its own Groups: batch fixing is safe.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        CodeFixRegistration.RegisterExpectedValue(
            context, DiagnosticIds.GroupsDoNotDivide,
            groups => $"Set Groups to {groups}",
            (document, span, groups, ct) => ExpectedValueWriter.SetNamedArgumentAsync(document, span, GroupsArgument, ExpectedValueWriter.Literal(groups), ct));
}
