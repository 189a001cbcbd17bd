using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Contracts;
using Segment.Generator.Emitters;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator.Families;

/// <summary>[UNetPlusPlus]: the nested UNet with optional deep supervision. Parse: <see cref="UNetPlusPlusParser"/>; shapes: <see cref="UNetPlusPlusShapeInference"/>; surface: <see cref="UNetPlusPlusContract"/>; module: <see cref="UNetPlusPlusLayout"/>.</summary>
internal sealed class UNetPlusPlusFamily : NetworkFamily<UNetPlusPlusSpec, UNetPlusPlusModel>
{
    public override string Name => "UNetPlusPlus";

    public override string AttributeMetadataName => AttributeNames.UNetPlusPlus;

    protected override UNetPlusPlusSpec? ParseSpec(INamedTypeSymbol type, CancellationToken cancellationToken) => UNetPlusPlusParser.Parse(type, cancellationToken);

    protected override NetworkAnalysis Analyze(UNetPlusPlusSpec spec) => UNetPlusPlusShapeInference.Analyze(spec);

    protected override ModuleLayout Layout(UNetPlusPlusModel model) => UNetPlusPlusLayout.Of(model);

    protected override NetworkContract Contract(UNetPlusPlusModel model, ModuleLayout layout) => UNetPlusPlusContract.Of(model, layout);

    protected override string EmitStandIn(UNetPlusPlusSpec spec, EquatableArray<DiagnosticInfo> diagnostics) => InvalidNetworkEmitter.Emit(UNetPlusPlusContract.StandIn(spec), spec, diagnostics);
}
