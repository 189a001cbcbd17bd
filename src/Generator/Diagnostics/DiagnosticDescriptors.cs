using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Segment.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator and analyzer report. Ids are stable (docs/diagnostics/{id}.md):
/// SEG1xxx the declaration (class, stage lines), SEG2xxx channels and shapes, SEG9xxx internal errors.
/// Messages say what was found and what was expected.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Declaration = "Segment.Declaration";
    private const string Shapes = "Segment.Shapes";
    private const string Internal = "Segment.Internal";

    /// <summary>
    /// The folder of the docs pages, {RepositoryUrl}/blob/main/docs/diagnostics/: written into this assembly's
    /// metadata by Segment.Generator.csproj so the repository's address is stated once (Directory.Build.props).
    /// </summary>
    internal static readonly string HelpRoot = typeof(DiagnosticDescriptors).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Segment.DiagnosticsHelpRoot").Value!;

    /// <summary>Property carrying the value a code fix writes (for example the expected in-channels).</summary>
    public const string ExpectedValueProperty = "Expected";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SEG1001", Declaration,
        "Network class must be partial",
        "Class '{0}' declares a network but is not partial; add the 'partial' modifier so the generator can complete it");

    public static readonly DiagnosticDescriptor Generic = Error(
        "SEG1002", Declaration,
        "Network class cannot be generic",
        "Class '{0}' declares a network but has type parameters; a network class must not be generic");

    public static readonly DiagnosticDescriptor Nested = Error(
        "SEG1003", Declaration,
        "Network class cannot be nested",
        "Class '{0}' declares a network inside type '{1}'; declare it at namespace level");

    public static readonly DiagnosticDescriptor NoEncoder = Error(
        "SEG1004", Declaration,
        "Network has no encoder stage",
        "Network '{0}' declares no [Encoder] stage; a U needs at least one encoder");

    public static readonly DiagnosticDescriptor DecoderCount = Error(
        "SEG1005", Declaration,
        "Decoder count cannot form a U",
        "Network '{0}' declares {1} encoder(s) and {2} decoder(s); a U needs one decoder fewer than encoders ({3})");

    public static readonly DiagnosticDescriptor NoSide = Error(
        "SEG1006", Declaration,
        "Network has no side output",
        "Network '{0}' marks no stage with Side = true; at least one side output is needed to fuse");

    public static readonly DiagnosticDescriptor DuplicateStageName = Error(
        "SEG1007", Declaration,
        "Duplicate stage name",
        "Stage name '{0}' is already used by an earlier stage; stage names must be unique");

    public static readonly DiagnosticDescriptor EncoderAfterDecoder = Error(
        "SEG1008", Declaration,
        "Encoder declared after a decoder",
        "Encoder '{0}' is declared after decoder '{1}'; declare every [Encoder] before the first [Decoder]");

    public static readonly DiagnosticDescriptor InvalidStageName = Error(
        "SEG1009", Declaration,
        "Stage name is not an identifier",
        "Stage name '{0}' is not a valid C# identifier; it names generated members (use letters, digits and '_', e.g. \"En1\")");

    public static readonly DiagnosticDescriptor InvalidNetworkName = Error(
        "SEG1010", Declaration,
        "Invalid network name",
        "Network name '{0}' is not valid; use letters, digits, '_', '-' and '.' (it is typed on the command line)");

    public static readonly DiagnosticDescriptor DuplicateNetworkName = Error(
        "SEG1011", Declaration,
        "Duplicate network name",
        "Network name '{0}' is already used by '{1}'; every network of an assembly needs its own name");

    public static readonly DiagnosticDescriptor NotInstantiable = Error(
        "SEG1012", Declaration,
        "Network class must be instantiable",
        "Class '{0}' declares a network but is {1}; the generator completes it as a module that the registry creates with 'new', so declare a plain class (not static, abstract or a record)");

    public static readonly DiagnosticDescriptor ReservedStageName = Error(
        "SEG1013", Declaration,
        "Stage name is reserved",
        "Stage name '{0}' is reserved: {1}; choose another name");

    public static readonly DiagnosticDescriptor MultipleFamilies = Error(
        "SEG1014", Declaration,
        "Network class declares more than one family",
        "Class '{0}' is already a [{1}] network; remove [{2}] (a class declares one network family)");

    public static readonly DiagnosticDescriptor DecodersReversed = Error(
        "SEG1015", Declaration,
        "Decoders are listed shallowest first",
        "Network '{0}' lists its decoders shallowest first ({1}); a U²-Net lists them deepest first, as the seed's table does: {2} (their channels fit only in that order)");

    public static readonly DiagnosticDescriptor MemberClash = Error(
        "SEG1016", Declaration,
        "Member clashes with a generated member",
        "'{0}' is a member the generator writes into '{1}'; rename yours (the generated members are: {2})");

    public static readonly DiagnosticDescriptor ExplicitBaseClass = Error(
        "SEG1017", Declaration,
        "Network class declares a base class",
        "'{0}' declares the base class '{1}', but the generator supplies the base class of a network ({2}); remove '{1}' from the base list (interfaces may stay)");

    public static readonly DiagnosticDescriptor FiltersDoNotDouble = Warning(
        "SEG2024", Shapes,
        "UNet++ filter breaks the doubling of the others",
        "Filters[{0}] is {1}; {2}, expected {3}. A UNet++ runs with any filters: suppress SEG2024 where {1} is meant");

    public static readonly DiagnosticDescriptor InChannelsMismatch = Error(
        "SEG2001", Shapes,
        "Stage in-channels do not match",
        "Stage '{0}' declares {1} in-channels but {2} flow into it ({3}); expected {2}");

    public static readonly DiagnosticDescriptor RsuHeightTooSmall = Error(
        "SEG2002", Shapes,
        "RSU height too small",
        "Stage '{0}' has RSU height {1}; an RSU needs height 2 or more");

    public static readonly DiagnosticDescriptor DilatedHeight = Error(
        "SEG2003", Shapes,
        "RSU-4F height must be 4",
        "Stage '{0}' is Dilated (RSU-4F) with height {1}; an RSU-4F has height 4");

    public static readonly DiagnosticDescriptor NonPositiveChannels = Error(
        "SEG2004", Shapes,
        "Channels must be positive",
        "{0} is {1}; channel counts must be 1 or more");

    public static readonly DiagnosticDescriptor InputTooSmall = Error(
        "SEG2005", Shapes,
        "Input size too small for the poolings",
        "Network '{0}' declares input {1} = {2} but it pools {3} time(s); expected at least {4}");

    public static readonly DiagnosticDescriptor InvalidSideKernel = Error(
        "SEG2006", Shapes,
        "Invalid side kernel size",
        "SideKernelSize is {0}; expected 0 (automatic) or an odd positive number so that padding keeps the size");

    public static readonly DiagnosticDescriptor InvalidInputSize = Error(
        "SEG2007", Shapes,
        "Input height and width must be given together",
        "Input declares {0} and {1}; set both to positive numbers for a fixed size, or neither");

    public static readonly DiagnosticDescriptor ChannelListLength = Error(
        "SEG2008", Shapes,
        "Channel list does not match the depth",
        "Channels lists {0} value(s) but Depth is {1}; a UNet of depth {1} needs {2} (one per level, shallowest first)");

    public static readonly DiagnosticDescriptor HalvedChannelsNotWhole = Error(
        "SEG2009", Shapes,
        "Bilinear UNet halves an odd channel count",
        "A bilinear UNet halves the channels of level {0} ({1}), and {1} / 2 is not whole; expected {2}, as the list doubles {3}");

    public static readonly DiagnosticDescriptor DeepSupervisionTooShallow = Error(
        "SEG2010", Shapes,
        "Deep supervision needs at least 2 levels",
        "DeepSupervision is set but Filters gives {0} level(s); deep supervision needs 2 or more heads (3 or more filters)");

    public static readonly DiagnosticDescriptor InputNotDivisible = Error(
        "SEG2011", Shapes,
        "Input size not divisible",
        "Network '{0}' declares input {1} = {2}, which is not divisible by 2^{3} = {4} (up doubles exactly); expected {5}");

    public static readonly DiagnosticDescriptor ChannelsMustDouble = Error(
        "SEG2012", Shapes,
        "UNet channels must double per level",
        "Channels[{0}] is {1}; each Up block concatenates the skip with the upsampled map, so each level needs twice the channels of the one above: {2}, expected {3}");

    public static readonly DiagnosticDescriptor DepthOutOfRange = Error(
        "SEG2013", Shapes,
        "Network depth out of range",
        "{0} gives depth {1}; expected 1 to {2}");

    public static readonly DiagnosticDescriptor AuxLevelOutOfRange = Error(
        "SEG2014", Shapes,
        "Auxiliary level out of range",
        "AuxLevel is {0}; expected 0 (no auxiliary head) or an Up block from 1 to {1}");

    public static readonly DiagnosticDescriptor ClassWeightsCount = Error(
        "SEG2015", Shapes,
        "Class weights do not match the classes",
        "ClassWeights lists {0} weight(s) for {1} class(es); give one weight per class");

    public static readonly DiagnosticDescriptor ChannelsTooLarge = Error(
        "SEG2016", Shapes,
        "Channel count too large",
        "{0} is {1}; channel counts, declared or derived, must be at most " + MaxChannelsText + " (2^20) so that every size and parameter count stays exact");

    public static readonly DiagnosticDescriptor NegativeLossWeight = Error(
        "SEG2017", Shapes,
        "Loss weight must be finite and non-negative",
        "{0} is {1}; a loss weight must be a finite number 0 or more");

    public static readonly DiagnosticDescriptor SideLossWeightWithoutSide = Warning(
        "SEG2018", Shapes,
        "SideLossWeight has no effect without a side output",
        "Stage '{0}' sets SideLossWeight but not Side = true; the weight has no effect (add Side = true or remove SideLossWeight)");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "SEG2019", Shapes,
        "Network has too many parameters",
        "Network '{0}' has more parameters than a long can count (over 9223372036854775807); use smaller RSU heights or channel counts");

    public static readonly DiagnosticDescriptor GroupsDoNotDivide = Error(
        "SEG2020", Shapes,
        "GroupNorm's groups must divide every normalised channel count",
        "Groups = {0} does not divide {1}; GroupNorm needs a group count that divides every block's channels ({2})");

    public static readonly DiagnosticDescriptor BlockOptionOutOfRange = Error(
        "SEG2021", Shapes,
        "Block option out of range",
        "{0} is {1}; {2}");

    public static readonly DiagnosticDescriptor BlockOptionNotSupported = Error(
        "SEG2022", Shapes,
        "Block option not available for this family",
        "[Blocks({0})] is not available for a {1}: {2}");

    public static readonly DiagnosticDescriptor OutChannelsMismatch = Error(
        "SEG2023", Shapes,
        "Stage out-channels do not match its consumers",
        "Stage '{0}' declares {1} out-channels, but {2} agree that it outputs {3}; expected {3}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "SEG9001", Internal,
        "Internal generator error",
        "The Segment generator failed on '{0}' ({1}); please report this with the declaration");

    /// <summary>All descriptors, for the analyzer's SupportedDiagnostics.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        NotPartial, Generic, Nested, NoEncoder, DecoderCount, NoSide, DuplicateStageName, EncoderAfterDecoder, InvalidStageName,
        InvalidNetworkName, DuplicateNetworkName, NotInstantiable, ReservedStageName, MultipleFamilies, DecodersReversed, MemberClash, ExplicitBaseClass,
        InChannelsMismatch, RsuHeightTooSmall, DilatedHeight, NonPositiveChannels, InputTooSmall, InvalidSideKernel, InvalidInputSize,
        ChannelListLength, HalvedChannelsNotWhole, DeepSupervisionTooShallow, InputNotDivisible, ChannelsMustDouble, DepthOutOfRange,
        AuxLevelOutOfRange, ClassWeightsCount, ChannelsTooLarge, NegativeLossWeight, SideLossWeightWithoutSide,
        TooManyParameters, GroupsDoNotDivide, BlockOptionOutOfRange, BlockOptionNotSupported,
        OutChannelsMismatch, FiltersDoNotDouble, InternalError);

    /// <summary>The largest channel count, declared or derived (SEG2016): 2^20.</summary>
    public const int MaxChannels = 1 << 20;

    private const string MaxChannelsText = "1048576";

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => ByIdMap[id];

    public static bool IsError(string id) => ById(id).DefaultSeverity == DiagnosticSeverity.Error;

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");
}
