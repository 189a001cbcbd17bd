using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>
/// First step of the UNet pipeline: a class carrying [UNet] -> <see cref="UNetSpec"/>. Only values and
/// locations leave this step; every rule lives in Shapes. Shared by the generator and the analyzer.
/// </summary>
internal static class UNetParser
{
    public static UNetSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var (network, input) = FamilyAttributes.Find(type, AttributeNames.UNet, cancellationToken);
        if (network is null)
            return null;

        var diagnostics = new List<DiagnosticInfo>();
        TypeDeclarationInfo declaration = TypeDeclarationParser.Parse(type, AttributeNames.UNet, diagnostics, cancellationToken);
        var options = new UNetOptions(
            Classes: network.Named("Classes", 2),
            BaseChannels: network.Named("BaseChannels", 64),
            Channels: (network.NamedArray<int>("Channels") ?? new int[0]).ToEquatableArray(),
            Depth: network.Named("Depth", 4),
            Bilinear: network.Named("Bilinear", true),
            AuxLevel: network.Named("AuxLevel", 0),
            ClassWeights: (network.NamedArray<double>("ClassWeights") ?? new double[0]).ToEquatableArray(),
            IgnoreIndex: network.Named("IgnoreIndex", 255),
            Dice: network.Named("Dice", true),
            CliName: network.Named<string?>("Name", null) ?? type.Name.ToLowerInvariant(),
            new UNetLocations(
                network.Location,
                network.NamedLocation("Classes"),
                network.NamedLocation("BaseChannels"),
                network.NamedLocation("Channels"),
                network.NamedLocation("Depth"),
                network.NamedLocation("Bilinear"),
                network.NamedLocation("AuxLevel"),
                network.NamedLocation("ClassWeights"),
                network.NamedLocation("Name"),
                network.NamedElementLocations("Channels"),
                network.NamedLocation("AttentionGates")),
            AttentionGates: network.Named("AttentionGates", false));
        return new UNetSpec(declaration, InputParser.Parse(input), diagnostics.ToEquatableArray(), options)
        {
            BlockOptions = BlocksParser.Parse(type, cancellationToken),
        };
    }
}
