using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>
/// First step of the pipeline: a class carrying [U2Net] -> <see cref="U2NetSpec"/>. Only values and
/// <see cref="LocationInfo"/>s leave this step; the checks that need no symbol live in Shapes.
/// Shared by the generator and the analyzer so both see the same declaration.
/// </summary>
internal static class U2NetParser
{
    public static U2NetSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        AttributeArguments? network = null;
        AttributeArguments? input = null;
        var stageAttributes = new List<(StageKind Kind, AttributeArguments Args)>();

        // GetAttributes keeps source order, which is the stage order.
        foreach (AttributeData attribute in type.GetAttributes())
        {
            switch (AttributeNames.Of(attribute.AttributeClass))
            {
                case AttributeNames.U2Net: network = new AttributeArguments(attribute, cancellationToken); break;
                case AttributeNames.Input: input = new AttributeArguments(attribute, cancellationToken); break;
                case AttributeNames.Encoder: stageAttributes.Add((StageKind.Encoder, new AttributeArguments(attribute, cancellationToken))); break;
                case AttributeNames.Decoder: stageAttributes.Add((StageKind.Decoder, new AttributeArguments(attribute, cancellationToken))); break;
            }
        }
        if (network is null)
            return null;

        var diagnostics = new List<DiagnosticInfo>();
        TypeDeclarationInfo declaration = TypeDeclarationParser.Parse(type, AttributeNames.U2Net, diagnostics, cancellationToken);

        var stages = new List<RsuStageSpec>();
        foreach (var (kind, args) in stageAttributes)
        {
            if (!args.IsBound)
                continue; // the compiler already reports the broken attribute
            RsuStageSpec stage = ParseStage(kind, args);
            // A keyword ("class") passes IsValidIdentifier but cannot name the generated field and nested class.
            if (!SyntaxFacts.IsValidIdentifier(stage.Name) || SyntaxFacts.GetKeywordKind(stage.Name) != SyntaxKind.None)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidStageName, stage.Locations.Name, stage.Name));
            stages.Add(stage);
        }

        var options = new U2NetOptions(
            OutChannels: network.Named("OutChannels", 1),
            SideKernelSize: network.Named("SideKernelSize", 0),
            FusedLossWeight: network.Named("FusedLossWeight", 1.0),
            CliName: network.Named<string?>("Name", null) ?? type.Name.ToLowerInvariant(),
            Attribute: network.Location,
            OutChannelsLocation: network.NamedLocation("OutChannels"),
            SideKernelSizeLocation: network.NamedLocation("SideKernelSize"),
            NameLocation: network.NamedLocation("Name"),
            FusedLossWeightLocation: network.NamedLocation("FusedLossWeight"));

        return new U2NetSpec(declaration, InputParser.Parse(input), diagnostics.ToEquatableArray(), options, stages.ToEquatableArray())
        {
            BlockOptions = BlocksParser.Parse(type, cancellationToken),
        };
    }

    private static RsuStageSpec ParseStage(StageKind kind, AttributeArguments args) => new(
        kind,
        Name: args.Constructor(0, ""),
        Height: args.Constructor(1, 0),
        InChannels: args.Constructor(2, 0),
        MidChannels: args.Constructor(3, 0),
        OutChannels: args.Constructor(4, 0),
        Dilated: args.Named("Dilated", false),
        Side: args.Named("Side", false),
        SideLossWeight: args.Named("SideLossWeight", 1.0),
        HasSideLossWeight: args.HasNamed("SideLossWeight"),
        new RsuStageLocations(
            args.Location,
            args.ConstructorLocation(0),
            args.ConstructorLocation(1),
            args.ConstructorLocation(2),
            args.ConstructorLocation(3),
            args.ConstructorLocation(4),
            args.NamedLocation("Dilated"),
            args.NamedLocation("Side"),
            args.NamedLocation("SideLossWeight")));
}
