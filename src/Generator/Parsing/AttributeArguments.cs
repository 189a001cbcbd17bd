using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>
/// Reads one attribute application: constructor and named values from <see cref="AttributeData"/>,
/// and the location of each argument from its syntax, so a diagnostic underlines the argument
/// that causes it rather than the whole attribute.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData data;
    private readonly AttributeSyntax? syntax;

    public AttributeArguments(AttributeData data, CancellationToken cancellationToken)
    {
        this.data = data;
        syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        Location = LocationInfo.From(syntax);
    }

    /// <summary>The whole attribute, the fallback location.</summary>
    public LocationInfo? Location { get; }

    /// <summary>False when the compiler could not bind the attribute (it reports that itself).</summary>
    public bool IsBound => data.AttributeConstructor is not null;

    /// <summary>How many constructor arguments the attribute was written with (which constructor it binds to).</summary>
    public int ConstructorArgumentCount => data.ConstructorArguments.Length;

    public T Constructor<T>(int index, T fallback)
    {
        ImmutableArray<TypedConstant> args = data.ConstructorArguments;
        return index < args.Length && args[index].Kind != TypedConstantKind.Error && args[index].Value is T value ? value : fallback;
    }

    public T Named<T>(string name, T fallback)
    {
        foreach (var pair in data.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind != TypedConstantKind.Error && pair.Value.Value is T value)
                return value;
        }
        return fallback;
    }

    /// <summary>Whether the named argument is written at all.</summary>
    public bool HasNamed(string name)
    {
        foreach (var pair in data.NamedArguments)
        {
            if (pair.Key == name)
                return true;
        }
        return false;
    }

    /// <summary>An array-valued named argument (<c>Channels = new[] { 64, 128 }</c>); null when absent, null or not bindable.</summary>
    public T[]? NamedArray<T>(string name)
    {
        foreach (var pair in data.NamedArguments)
        {
            if (pair.Key != name || pair.Value.Kind != TypedConstantKind.Array || pair.Value.IsNull)
                continue;
            var values = new T[pair.Value.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (pair.Value.Values[i].Value is not T value)
                    return null;
                values[i] = value;
            }
            return values;
        }
        return null;
    }

    /// <summary>Location of constructor argument <paramref name="index"/>, written positionally or as <c>name: value</c>.</summary>
    public LocationInfo? ConstructorLocation(int index)
    {
        if (syntax?.ArgumentList is null) return Location;
        IMethodSymbol? ctor = data.AttributeConstructor;
        string? parameterName = ctor is not null && index < ctor.Parameters.Length ? ctor.Parameters[index].Name : null;
        int position = 0;
        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null) continue;
            if (argument.NameColon is not null)
            {
                if (string.Equals(argument.NameColon.Name.Identifier.ValueText, parameterName, StringComparison.Ordinal))
                    return LocationInfo.From(argument.Expression);
            }
            else if (position == index)
            {
                return LocationInfo.From(argument.Expression);
            }
            position++;
        }
        return Location;
    }

    /// <summary>
    /// Locations of the elements of an array-valued named argument (<c>new[] { 32, 64 }</c>, <c>new int[] { .. }</c>
    /// or <c>[32, 64]</c>), so a diagnostic about one level points at that number; empty when the value is not
    /// written as a literal list (a constant, say), where callers fall back to <see cref="NamedLocation"/>.
    /// </summary>
    public EquatableArray<LocationInfo> NamedElementLocations(string name)
    {
        if (syntax?.ArgumentList is null)
            return default;
        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is null || argument.NameEquals.Name.Identifier.ValueText != name)
                continue;
            IEnumerable<ExpressionSyntax>? elements = argument.Expression switch
            {
                ArrayCreationExpressionSyntax array => array.Initializer?.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
                _ => null,
            };
            if (elements is null)
                return default;
            var locations = elements.Select(e => LocationInfo.From(e)).ToList();
            // Indices must line up with the values: any element without a location means the whole list is the location.
            return locations.Any(l => l is null) ? default : locations.Select(l => l!).ToEquatableArray();
        }
        return default;
    }

    /// <summary>Location of named argument <c>Name = value</c>, or the attribute when it is not written.</summary>
    public LocationInfo? NamedLocation(string name)
    {
        if (syntax?.ArgumentList is null) return Location;
        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null && argument.NameEquals.Name.Identifier.ValueText == name)
                return LocationInfo.From(argument.Expression);
        }
        return Location;
    }
}
