using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Segment.Generator.Model;

namespace Segment.Generator.Families;

/// <summary>
/// One network family as the pipeline sees it: the attribute that marks a declaration, its parse, its shape
/// analysis and the files it generates. <see cref="SegmentGenerator"/> and <see cref="SegmentDiagnosticAnalyzer"/>
/// loop over <see cref="NetworkFamilies.All"/>, so a new family is one descriptor (plus its parser, shapes and
/// emitters) and touches neither.
/// </summary>
internal interface INetworkFamily
{
    /// <summary>The family's name: the runtime's <c>NetworkFamily</c> member and the prefix of its tracked pipeline steps.</summary>
    string Name { get; }

    /// <summary>The attribute's metadata name (<c>Segment.Dsl.U2NetAttribute</c>, ...).</summary>
    string AttributeMetadataName { get; }

    /// <summary>The declaration as an equatable spec; null when the class does not carry the attribute.</summary>
    NetworkSpec? Parse(INamedTypeSymbol type, CancellationToken cancellationToken);

    /// <summary>Shapes, channels and every diagnostic; the model when the declaration has no error.</summary>
    NetworkAnalysis Analyze(NetworkSpec spec);

    /// <summary>The generated files of a sound declaration, by hint-name suffix, rendered on demand.</summary>
    IReadOnlyList<(string Suffix, Func<string> Render)> Files(NetworkModel model);

    /// <summary>The stand-in of a declaration with errors: the family's public surface, every member throwing.</summary>
    string EmitStandIn(NetworkSpec spec, EquatableArray<DiagnosticInfo> diagnostics);
}
