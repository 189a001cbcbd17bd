using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace Segment.Generator.Shapes;

/// <summary>Local variable names derived from stage names (En1 -> en1), kept clear of keywords and of the generator's own locals.</summary>
internal static class LocalNames
{
    // The forward's own locals, and the members it reads (the training flag, the fuse convolution's field).
    private static readonly HashSet<string> Reserved = new() { "input", "sides", "fused", "probabilities", "output", "training", "out_conv" };

    public static string ForStage(string stageName)
    {
        string name = stageName.Length == 0 ? "stage" : char.ToLowerInvariant(stageName[0]) + stageName.Substring(1);
        // The stage's module field is named exactly as the stage: a stage written in lower case ("en1") would give
        // a local that hides its own field (var en1 = en1.forward(...)).
        if (name == stageName || Reserved.Contains(name) || name.StartsWith("side", System.StringComparison.Ordinal))
            return name + "_out";
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
