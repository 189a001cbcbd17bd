using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>The shared [Blocks(Norm = ..., Groups = ..., Activation = ..., NegativeSlope = ..., Dropout = ..., Residual = ...)], as every family reads it.</summary>
internal static class BlocksParser
{
    /// <summary>The class's [Blocks], or null when it has none (the seeds' blocks).</summary>
    public static BlockOptionsSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (AttributeNames.Of(attribute.AttributeClass) != AttributeNames.Blocks)
                continue;
            var args = new AttributeArguments(attribute, cancellationToken);
            BlockOptionsModel seed = BlockOptionsModel.Seed;
            var values = new BlockOptionsModel(
                (NormChoice)args.Named("Norm", (int)seed.Norm),
                args.Named("Groups", seed.Groups),
                (ActivationChoice)args.Named("Activation", (int)seed.Activation),
                args.Named("NegativeSlope", seed.NegativeSlope),
                args.Named("Dropout", seed.Dropout),
                args.Named("Residual", seed.Residual));
            // Groups left at its default is blamed on the Norm argument that asks for GroupNorm (its fix adds Groups after it).
            LocationInfo? groups = args.HasNamed("Groups") ? args.NamedLocation("Groups") : args.NamedLocation("Norm");
            return new BlockOptionsSpec(values, args.Location, args.NamedLocation("Norm"), groups,
                args.NamedLocation("Activation"), args.NamedLocation("NegativeSlope"), args.NamedLocation("Dropout"), args.NamedLocation("Residual"));
        }
        return null;
    }
}
