using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// What any generator reading these declarations pays to Roslyn: the same three ForAttributeWithMetadataName
/// inputs as SegmentGenerator, whose transform binds the class's attributes (GetAttributes) and returns the
/// class's name (a reference, as SegmentGenerator's models are), and no output. The benchmarks run it beside the
/// real generator to tell Roslyn's share from ours; it has no [Generator] attribute, being run by them only.
/// </summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (string attribute in new[] { "Segment.Dsl.U2NetAttribute", "Segment.Dsl.UNetAttribute", "Segment.Dsl.UNetPlusPlusAttribute" })
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.GetAttributes().IsEmpty ? "" : ctx.TargetSymbol.Name);
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
