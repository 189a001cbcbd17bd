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
}
