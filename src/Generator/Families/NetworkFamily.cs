using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Model;

namespace Segment.Generator.Families;

/// <summary>
/// A family over its own spec and model types: every family generates the same six parts. Module, Output, Loss, Summary,
/// Network and OnnxExport are written by one emitter each for every family, from the <see cref="ModuleLayout"/> and
/// <see cref="NetworkContract"/> the family builds from its model.
/// </summary>
internal abstract class NetworkFamily<TSpec, TModel> : INetworkFamily
    where TSpec : NetworkSpec
    where TModel : NetworkModel
{
    public abstract string Name { get; }

    public abstract string AttributeMetadataName { get; }

    public NetworkSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken) => ParseSpec(type, cancellationToken);

    // A user's member of a generated member's name is checked here, for every family, against the files the model emits.
    public NetworkAnalysis Analyze(NetworkSpec spec)
    {
        NetworkAnalysis analysis = Analyze((TSpec)spec);
        return Shapes.MemberClashRules.Check(spec, analysis, () => analysis.Model is null ? [] : Files(analysis.Model).Select(f => f.Render()));
    }

    public IReadOnlyList<(string Suffix, Func<string> Render)> Files(NetworkModel model)
    {
        var m = (TModel)model;
        var layout = new Lazy<ModuleLayout>(() => Layout(m));
        var contract = new Lazy<NetworkContract>(() => Contract(m, layout.Value));
        return new (string, Func<string>)[]
        {
            (".Module.g.cs", () => Emitters.ModuleEmitter.Emit(m, Name, layout.Value)),
            (".Output.g.cs", () => Emitters.OutputEmitter.Emit(m.Type, contract.Value)),
            (".Loss.g.cs", () => Emitters.LossEmitter.Emit(m.Type, contract.Value)),
            (".Summary.g.cs", () => Emitters.SummaryEmitter.Emit(m.Type, contract.Value)),
            (".Network.g.cs", () => Emitters.NetworkEmitter.Emit(m.Type, contract.Value)),
            (".OnnxExport.g.cs", () => Emitters.OnnxExportEmitter.Emit(m, contract.Value, layout.Value)),
        };
    }

    public string EmitStandIn(NetworkSpec spec, EquatableArray<DiagnosticInfo> diagnostics) =>
        Shapes.MemberClashRules.WithoutUserMembers(EmitStandIn((TSpec)spec, diagnostics), spec.Type);

    protected abstract TSpec? ParseSpec(INamedTypeSymbol type, CancellationToken cancellationToken);

    protected abstract NetworkAnalysis Analyze(TSpec spec);

    /// <summary>The model's children and forwards as data, for the module emitter every family shares.</summary>
    protected abstract ModuleLayout Layout(TModel model);

    /// <summary>The model's outputs, loss and summary as data, for the emitters every family shares.</summary>
    protected abstract NetworkContract Contract(TModel model, ModuleLayout layout);


    protected abstract string EmitStandIn(TSpec spec, EquatableArray<DiagnosticInfo> diagnostics);
}
