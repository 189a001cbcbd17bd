using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Emitters;
using Segment.Generator.Model;
using Segment.Generator.Parsing;
using Segment.Generator.Shapes;

namespace Segment.Generator.Families;

/// <summary>[U2Net]: U²-Net and its variants (RSU stages, side outputs, the fused map). Parse: <see cref="U2NetParser"/>; shapes: <see cref="U2NetShapeInference"/>; emitters: U2Net*Emitter.</summary>
internal sealed class U2NetFamily : NetworkFamily<U2NetSpec, U2NetModel>
{
    public override string Name => "U2Net";

    public override string AttributeMetadataName => AttributeNames.U2Net;

    protected override U2NetSpec? ParseSpec(INamedTypeSymbol type, CancellationToken cancellationToken) => U2NetParser.Parse(type, cancellationToken);

    protected override NetworkAnalysis Analyze(U2NetSpec spec) => U2NetShapeInference.Analyze(spec);

    protected override string EmitModule(U2NetModel model) => U2NetModuleEmitter.Emit(model);

    protected override string EmitOutput(U2NetModel model) => U2NetOutputEmitter.Emit(model);

    protected override string EmitLoss(U2NetModel model) => U2NetLossEmitter.Emit(model);

    protected override string EmitSummary(U2NetModel model) => U2NetSummaryEmitter.Emit(model);

    protected override string EmitNetwork(U2NetModel model) => U2NetNetworkEmitter.Emit(model);

    protected override string EmitOnnxExport(U2NetModel model) => OnnxExportEmitter.Emit(model);

    protected override string EmitStandIn(U2NetSpec spec, EquatableArray<DiagnosticInfo> diagnostics) => InvalidNetworkEmitter.Emit(spec, diagnostics);
}
