using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Segment.Generator.Parsing;

/// <summary>The names a member declaration introduces (each variable of a field, a property, method, event, nested type or delegate).</summary>
internal static class MemberNames
{
    public static IEnumerable<SyntaxToken> Of(MemberDeclarationSyntax member) => member switch
    {
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier),
        PropertyDeclarationSyntax property => new[] { property.Identifier },
        MethodDeclarationSyntax method => new[] { method.Identifier },
        EventDeclarationSyntax e => new[] { e.Identifier },
        BaseTypeDeclarationSyntax nested => new[] { nested.Identifier },
        DelegateDeclarationSyntax d => new[] { d.Identifier },
        _ => System.Array.Empty<SyntaxToken>(),
    };
}
