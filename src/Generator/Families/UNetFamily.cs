using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Contracts;
using Segment.Generator.Emitters;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator.Families;

/// <summary>[UNet]: the seeds' UNet (DoubleConv encoder and decoder, bilinear or transposed upsampling). Parse: <see cref="UNetParser"/>; shapes: <see cref="UNetShapeInference"/>; surface: <see cref="UNetContract"/>; module: <see cref="UNetLayout"/>.</summary>
internal sealed class UNetFamily : NetworkFamily<UNetSpec, UNetModel>
{
    public override string Name => "UNet";

    public override string AttributeMetadataName => AttributeNames.UNet;

    protected override UNetSpec? ParseSpec(INamedTypeSymbol type, CancellationToken cancellationToken) => UNetParser.Parse(type, cancellationToken);

    protected override NetworkAnalysis Analyze(UNetSpec spec) => UNetShapeInference.Analyze(spec);

    protected override ModuleLayout Layout(UNetModel model) => UNetLayout.Of(model);

    protected override NetworkContract Contract(UNetModel model, ModuleLayout layout) => UNetContract.Of(model, layout);

    protected override string EmitStandIn(UNetSpec spec, EquatableArray<DiagnosticInfo> diagnostics) => InvalidNetworkEmitter.Emit(UNetContract.StandIn(spec), spec, diagnostics);
}
