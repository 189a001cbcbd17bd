using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// What any generator reading these declarations pays to Roslyn: the same three ForAttributeWithMetadataName
/// inputs as SegmentGenerator, whose transform binds the class's attributes (GetAttributes) and returns their
/// count, and no output (no [Generator] attribute: it is run by the benchmarks only). The benchmarks run it beside the real generator to tell Roslyn's share from ours.
/// </summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (string attribute in new[] { "Segment.Dsl.U2NetAttribute", "Segment.Dsl.UNetAttribute", "Segment.Dsl.UNetPlusPlusAttribute" })
        {
            var counts = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.GetAttributes().Length);
            context.RegisterSourceOutput(counts, static (_, _) => { });
        }
    }
}
