using Microsoft.CodeAnalysis;

namespace Segment.Generator.Parsing;

/// <summary>Metadata names of the DSL attributes (src/Dsl), matched by name so the generator needs no reference to Segment.Dsl.</summary>
internal static class AttributeNames
{
    public const string U2Net = "Segment.Dsl.U2NetAttribute";
    public const string Input = "Segment.Dsl.InputAttribute";
    public const string Encoder = "Segment.Dsl.EncoderAttribute";
    public const string Decoder = "Segment.Dsl.DecoderAttribute";
    public const string UNet = "Segment.Dsl.UNetAttribute";
    public const string UNetPlusPlus = "Segment.Dsl.UNetPlusPlusAttribute";
    public const string Blocks = "Segment.Dsl.BlocksAttribute";

    /// <summary>
    /// The constant above that <paramref name="attributeClass"/>'s <c>ToDisplayString()</c> equals, or null; read from
    /// the symbol's name and containers without building the display string (the parsers run on every edit).
    /// </summary>
    public static string? Of(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || attributeClass.Arity != 0)
            return null; // a generic class displays as Name<T>
        string? name = attributeClass.Name switch
        {
            "U2NetAttribute" => U2Net,
            "InputAttribute" => Input,
            "EncoderAttribute" => Encoder,
            "DecoderAttribute" => Decoder,
            "UNetAttribute" => UNet,
            "UNetPlusPlusAttribute" => UNetPlusPlus,
            "BlocksAttribute" => Blocks,
            _ => null,
        };
        // Displayed as Segment.Dsl.Name: its containers (namespaces, or non-generic types) are Dsl, then Segment, then the global namespace.
        return name is not null
            && attributeClass.ContainingSymbol is { Name: "Dsl" } dsl && IsDisplayedByName(dsl)
            && dsl.ContainingSymbol is { Name: "Segment" } segment && IsDisplayedByName(segment)
            && segment.ContainingSymbol is INamespaceSymbol { IsGlobalNamespace: true }
            ? name
            : null;
    }

    private static bool IsDisplayedByName(ISymbol container) =>
        container is INamespaceSymbol { IsGlobalNamespace: false } || container is INamedTypeSymbol { Arity: 0 };
}
