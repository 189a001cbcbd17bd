using System.Threading;
using Microsoft.CodeAnalysis;

namespace Segment.Generator.Parsing;

/// <summary>The two attributes the UNet-family parsers read from a class: the family's own and the shared [Input].</summary>
internal static class FamilyAttributes
{
    /// <summary>
    /// The arguments of <paramref name="type"/>'s attribute named <paramref name="networkAttribute"/> and of its [Input],
    /// each null when the class does not carry it (the last one wins when written twice).
    /// </summary>
    public static (AttributeArguments? Network, AttributeArguments? Input) Find(
        INamedTypeSymbol type, string networkAttribute, CancellationToken cancellationToken)
    {
        AttributeArguments? network = null;
        AttributeArguments? input = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? name = AttributeNames.Of(attribute.AttributeClass);
            if (name == networkAttribute)
                network = new AttributeArguments(attribute, cancellationToken);
            else if (name == AttributeNames.Input)
                input = new AttributeArguments(attribute, cancellationToken);
        }
        return (network, input);
    }
}
