using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>
/// Finds a base class in the base list the user wrote (SEG1017) and what the stand-in needs to complete a class
/// deriving from it. Only the first entry of a base list can be a class; it is one unless its name and arity are
/// those of an interface the class implements (a <c>: IDisposable</c> is fine, as is any interface).
/// </summary>
internal static class BaseClassParser
{
    public static ExplicitBaseClass? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)
                || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax { BaseList: { Types.Count: > 0 } list })
                continue;
            BaseTypeSyntax first = list.Types[0];
            if (IsInterface(first.Type, type))
                continue;
            // The generator's compilation has no generated part yet, and the analyzer's has the stand-in, which
            // declares no base: either way BaseType is the user's base (an error type when it does not resolve).
            INamedTypeSymbol? symbol = type.BaseType is { TypeKind: not TypeKind.Error } b ? b : null;
            return new ExplicitBaseClass(
                first.Type.ToString(),
                LocationInfo.From(first),
                Constructor(symbol),
                AbstractMembers(symbol).ToEquatableArray(),
                MemberNamesOf(symbol).ToEquatableArray());
        }
        return null;
    }

    private static bool IsInterface(TypeSyntax syntax, INamedTypeSymbol type) =>
        SimpleName(syntax) is (string name, int arity)
        && type.AllInterfaces.Any(i => i.Name == name && i.Arity == arity);

    private static (string Name, int Arity)? SimpleName(TypeSyntax syntax) => syntax switch
    {
        QualifiedNameSyntax q => SimpleName(q.Right),
        AliasQualifiedNameSyntax a => SimpleName(a.Name),
        GenericNameSyntax g => (g.Identifier.ValueText, g.TypeArgumentList.Arguments.Count),
        IdentifierNameSyntax i => (i.Identifier.ValueText, 0),
        _ => null, // object, a predefined type: a class
    };

    private static string Constructor(INamedTypeSymbol? baseType)
    {
        if (baseType is null)
            return "none";
        var constructors = baseType.InstanceConstructors.Where(c => c.DeclaredAccessibility is not Accessibility.Private).ToList();
        if (constructors.Any(c => c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String))
            return "name";
        return constructors.Any(c => c.Parameters.Length == 0) ? "default" : "none";
    }

    /// <summary>Abstract methods and properties of the chain that no more derived class of it overrides.</summary>
    private static List<AbstractMember> AbstractMembers(INamedTypeSymbol? baseType)
    {
        var members = new List<AbstractMember>();
        var overridden = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (INamedTypeSymbol? t = baseType; t is not null; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers())
            {
                if (member is IMethodSymbol { OverriddenMethod: { } m })
                    overridden.Add(m.OriginalDefinition);
                if (member is IPropertySymbol { OverriddenProperty: { } p })
                    overridden.Add(p.OriginalDefinition);
                if (!member.IsAbstract || overridden.Contains(member.OriginalDefinition))
                    continue;
                string access = Access(member.DeclaredAccessibility);
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method:
                        string parameters = string.Join(", ", method.Parameters.Select(p => $"{Type(p.Type)} {Escape(p.Name)}"));
                        members.Add(new AbstractMember(method.Name, $"{access} override {(method.ReturnsVoid ? "void" : Type(method.ReturnType))} {method.Name}({parameters})", false, false));
                        break;
                    case IPropertySymbol { IsIndexer: false } property:
                        members.Add(new AbstractMember(property.Name, $"{access} override {Type(property.Type)} {property.Name}", true, property.SetMethod is not null));
                        break;
                }
            }
        }
        return members;
    }

    private static IEnumerable<string> MemberNamesOf(INamedTypeSymbol? baseType)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? t = baseType; t is not null; t = t.BaseType)
            foreach (ISymbol member in t.GetMembers())
                if (member.DeclaredAccessibility is not Accessibility.Private && member.CanBeReferencedByName)
                    names.Add(member.Name);
        return names;
    }

    private static string Type(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Escape(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static string Access(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Protected => "protected",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "public",
    };
}
