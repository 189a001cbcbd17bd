using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Diagnostics;
using Segment.Generator.Model;
using Segment.Generator.Parsing;

namespace Segment.Generator.Shapes;

/// <summary>
/// SEG1016: a member the user wrote has the name of one the generator writes into the same class (a field, the
/// <c>Summary</c>, <c>forward</c>, ...), which C# would report as CS0102 inside a generated file. The generated names are
/// read from the generated text itself, so the rule follows every emitter without a list to keep in step; it runs only
/// for a class with members of its own. Two methods of one name may be overloads, so only a clash that involves a
/// non-method is reported. The stand-in of such a class leaves the clashing members out (<see cref="WithoutUserMembers"/>),
/// so nothing else is reported.
/// </summary>
internal static class MemberClashRules
{
    public static NetworkAnalysis Check(NetworkSpec spec, NetworkAnalysis analysis, Func<IEnumerable<string>> generatedSources)
    {
        if (analysis.Model is null || spec.Type.Members.Count == 0)
            return analysis;
        var generated = GeneratedMembers(spec.Type.Name, generatedSources());
        var clashes = new List<DiagnosticInfo>();
        foreach (UserMember member in spec.Type.Members)
        {
            if (!generated.TryGetValue(member.Name, out bool generatedIsMethod) || (generatedIsMethod && member.IsMethod))
                continue;
            string names = string.Join(", ", generated.Keys.OrderBy(n => n, StringComparer.Ordinal));
            clashes.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberClash, member.Location, member.Name, spec.Type.Name, names));
        }
        return clashes.Count == 0
            ? analysis
            : analysis with { Model = null, Diagnostics = analysis.Diagnostics.Concat(clashes).ToEquatableArray() };
    }

    /// <summary><paramref name="standIn"/> without the members of the class that the user's part declares already.</summary>
    public static string WithoutUserMembers(string standIn, TypeDeclarationInfo type)
    {
        if (type.Members.Count == 0)
            return standIn;
        var names = new HashSet<string>(type.Members.Select(m => m.Name), StringComparer.Ordinal);
        var root = CSharpSyntaxTree.ParseText(standIn).GetRoot();
        var clashing = Classes(root, type.Name).SelectMany(c => c.Members).Where(m => MemberNames.Of(m).Any(id => names.Contains(id.ValueText))).ToList();
        return clashing.Count == 0 ? standIn : root.RemoveNodes(clashing, SyntaxRemoveOptions.KeepNoTrivia)!.ToFullString();
    }

    /// <summary>Each generated member name of the class, and whether it is a method.</summary>
    private static Dictionary<string, bool> GeneratedMembers(string typeName, IEnumerable<string> sources)
    {
        var names = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (string source in sources)
            foreach (ClassDeclarationSyntax declaration in Classes(CSharpSyntaxTree.ParseText(source).GetRoot(), typeName))
                foreach (MemberDeclarationSyntax member in declaration.Members)
                    foreach (var identifier in MemberNames.Of(member))
                        names[identifier.ValueText] = member is MethodDeclarationSyntax && (!names.TryGetValue(identifier.ValueText, out bool method) || method);
        return names;
    }

    // The network class's own declaration: at namespace level (its nested types are not its members' scope).
    private static IEnumerable<ClassDeclarationSyntax> Classes(SyntaxNode root, string typeName) =>
        root.DescendantNodes(n => n is not ClassDeclarationSyntax).OfType<ClassDeclarationSyntax>().Where(c => c.Identifier.ValueText == typeName);
}
