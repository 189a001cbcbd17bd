using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Contracts;
using Segment.Generator.Emitters;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator.Families;

/// <summary>[U2Net]: U²-Net and its variants (RSU stages, side outputs, the fused map). Parse: <see cref="U2NetParser"/>; shapes: <see cref="U2NetShapeInference"/>; surface: <see cref="U2NetContract"/>; module: <see cref="U2NetLayout"/>.</summary>
internal sealed class U2NetFamily : NetworkFamily<U2NetSpec, U2NetModel>
{
    public override string Name => "U2Net";

    public override string AttributeMetadataName => AttributeNames.U2Net;

    protected override U2NetSpec? ParseSpec(INamedTypeSymbol type, CancellationToken cancellationToken) => U2NetParser.Parse(type, cancellationToken);

    protected override NetworkAnalysis Analyze(U2NetSpec spec) => U2NetShapeInference.Analyze(spec);

    protected override ModuleLayout Layout(U2NetModel model) => U2NetLayout.Of(model);

    protected override NetworkContract Contract(U2NetModel model, ModuleLayout layout) => U2NetContract.Of(model, layout);

    protected override string EmitStandIn(U2NetSpec spec, EquatableArray<DiagnosticInfo> diagnostics) => InvalidNetworkEmitter.Emit(U2NetContract.StandIn(spec), spec, diagnostics);
}
