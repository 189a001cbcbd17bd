using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>Reads the user's class and reports the ways it cannot be completed by a generated partial (shared by every family).</summary>
internal static class TypeDeclarationParser
{
    public static TypeDeclarationInfo Parse(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var declarations = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>() // a record class too: it is partial or not like a class
            .ToList();
        LocationInfo? name = LocationInfo.From(declarations.Count > 0 ? declarations[0].Identifier.GetLocation() : type.Locations.FirstOrDefault());

        if (!declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, name, type.Name));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, name, type.Name));
        string? notInstantiable = type.IsStatic ? "static" : type.IsAbstract ? "abstract" : type.IsRecord ? "a record" : null;
        if (notInstantiable is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotInstantiable, name, type.Name, notInstantiable));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Nested, name, type.Name, type.ContainingType.Name));

        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        return new TypeDeclarationInfo(ns, type.Name, accessibility);
    }
}
