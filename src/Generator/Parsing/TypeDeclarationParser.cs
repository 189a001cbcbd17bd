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
    /// <param name="family">The metadata name of the family attribute being parsed: when another family attribute comes first,
    /// this one is SEG1014 (the first one generates the class, so the two never both complete it).</param>
    public static TypeDeclarationInfo Parse(INamedTypeSymbol type, string family, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        AttributeData? first = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? attributeName = AttributeNames.Of(attribute.AttributeClass);
            if (attributeName is not (AttributeNames.U2Net or AttributeNames.UNet or AttributeNames.UNetPlusPlus))
                continue;
            if (first is null)
                first = attribute;
            else if (attributeName == family)
            {
                LocationInfo? where = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleFamilies, where, type.Name, ShortName(first), ShortName(attribute)));
                break;
            }
        }

        TypeDeclarationSyntax? firstDeclaration = null;
        bool partial = false;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration) // a record class too: it is partial or not like a class
                continue;
            firstDeclaration ??= declaration;
            partial |= declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
        }
        LocationInfo? name = LocationInfo.From(firstDeclaration is not null ? firstDeclaration.Identifier.GetLocation() : type.Locations.FirstOrDefault());

        if (!partial)
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
        ExplicitBaseClass? explicitBase = BaseClassParser.Parse(type, cancellationToken);
        if (explicitBase is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExplicitBaseClass, explicitBase.Location ?? name, type.Name, explicitBase.Text,
                $"TorchSharp.torch.nn.Module<Tensor, {type.Name}Output>"));
        return new TypeDeclarationInfo(ns, type.Name, accessibility) { Members = UserMembers(type, cancellationToken), ExplicitBase = explicitBase };
    }

    /// <summary>
    /// The named members of the class's own declarations: a generated part (a .g.cs tree, which the analyzer sees) is
    /// left out, so only what the user wrote is checked against what the generator writes (MemberClashRules).
    /// </summary>
    private static EquatableArray<UserMember> UserMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var members = new List<UserMember>();
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)
                || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                continue;
            foreach (MemberDeclarationSyntax member in declaration.Members)
            {
                foreach (SyntaxToken identifier in MemberNames.Of(member))
                    members.Add(new UserMember(identifier.ValueText, LocationInfo.From(identifier.GetLocation()), member is MethodDeclarationSyntax));
            }
        }
        return members.ToEquatableArray();
    }


    private static string ShortName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
