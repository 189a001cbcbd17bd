namespace Segment.Generator.CodeFixes;

/// <summary>
/// The ids and property names this assembly fixes. Copied from Segment.Generator's
/// DiagnosticDescriptors (which is internal to the compiler-loaded assembly); a test checks they agree.
/// </summary>
internal static class DiagnosticIds
{
    public const string DecodersReversed = "SEG1015";
    public const string ExplicitBaseClass = "SEG1017";
    public const string InChannelsMismatch = "SEG2001";
    public const string DilatedHeight = "SEG2003";
    public const string ChannelListLength = "SEG2008";
    public const string DeepSupervisionTooShallow = "SEG2010";
    public const string InputNotDivisible = "SEG2011";
    public const string HalvedChannelsNotWhole = "SEG2009";
    public const string ChannelsMustDouble = "SEG2012";
    public const string GroupsDoNotDivide = "SEG2020";
    public const string OutChannelsMismatch = "SEG2023";
    public const string FiltersDoNotDouble = "SEG2024";
    public const string ExpectedValueProperty = "Expected";
}
