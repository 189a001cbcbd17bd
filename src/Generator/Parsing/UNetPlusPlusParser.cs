using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>First step of the UNet++ pipeline: a class carrying [UNetPlusPlus] -> <see cref="UNetPlusPlusSpec"/>.</summary>
internal static class UNetPlusPlusParser
{
    /// <summary>The seed's filters, used when the declaration writes none.</summary>
    public static readonly int[] SeedFilters = { 32, 64, 128, 256, 512 };

    public static UNetPlusPlusSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var (network, input) = FamilyAttributes.Find(type, AttributeNames.UNetPlusPlus, cancellationToken);
        if (network is null)
            return null;

        var diagnostics = new List<DiagnosticInfo>();
        TypeDeclarationInfo declaration = TypeDeclarationParser.Parse(type, AttributeNames.UNetPlusPlus, diagnostics, cancellationToken);
        var options = new UNetPlusPlusOptions(
            Filters: (network.NamedArray<int>("Filters") ?? SeedFilters).ToEquatableArray(),
            Classes: network.Named("Classes", 1),
            DeepSupervision: network.Named("DeepSupervision", false),
            IgnoreIndex: network.Named("IgnoreIndex", 255),
            Dice: network.Named("Dice", false),
            CliName: network.Named<string?>("Name", null) ?? type.Name.ToLowerInvariant(),
            Attribute: network.Location,
            FiltersLocation: network.NamedLocation("Filters"),
            ClassesLocation: network.NamedLocation("Classes"),
            DeepSupervisionLocation: network.NamedLocation("DeepSupervision"),
            NameLocation: network.NamedLocation("Name"),
            FilterElements: network.NamedElementLocations("Filters"));
        return new UNetPlusPlusSpec(declaration, InputParser.Parse(input), diagnostics.ToEquatableArray(), options)
        {
            BlockOptions = BlocksParser.Parse(type, cancellationToken),
        };
    }
}
