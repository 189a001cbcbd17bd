using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Segment.Generator.Model;

/// <summary>
/// Where a diagnostic points, kept as plain values: a Roslyn <see cref="Location"/> holds its syntax
/// tree, which would keep the whole compilation alive in the generator's cache and break equality.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    /// <summary>Element <paramref name="index"/> of a list argument when its location is known, else the whole argument.</summary>
    public static LocationInfo? Element(EquatableArray<LocationInfo> elements, int index, LocationInfo? whole) =>
        index >= 0 && index < elements.Count ? elements[index] : whole;

    /// <summary>
    /// A real source location when the file is part of <paramref name="compilation"/> (the analyzer's
    /// case, which lets the IDE squiggle and code fixes find the node), otherwise an external one.
    /// </summary>
    public Location ToLocation(Compilation? compilation = null)
    {
        if (compilation is not null)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath)
                    return Location.Create(tree, Span);
            }
        }
        return Location.Create(FilePath, Span, LineSpan);
    }
}
