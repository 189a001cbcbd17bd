using System;
using System.Collections.Generic;
using System.Linq;

namespace Segment.Runtime.NN;

/// <summary>
/// The networks of an assembly by command-line name: what the generated <c>GeneratedNetworks.Catalog</c> holds, so
/// that code which creates networks by name (the command line, a training service) takes any assembly's networks
/// as a value. <see cref="Combine"/> joins several assemblies' catalogs.
/// </summary>
public sealed class NetworkCatalog
{
    private readonly Func<string, ISegmentationNetwork> _create;

    /// <param name="names">every name <paramref name="create"/> accepts</param>
    /// <param name="create">a new network of that name; throws <see cref="ArgumentException"/> for any other name</param>
    public NetworkCatalog(IReadOnlyList<string> names, Func<string, ISegmentationNetwork> create)
    {
        Names = names ?? throw new ArgumentNullException(nameof(names));
        _create = create ?? throw new ArgumentNullException(nameof(create));
    }

    /// <summary>Every name <see cref="Create"/> accepts, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True if a network has that name.</summary>
    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>A new network with PyTorch's default initialisation.</summary>
    /// <exception cref="ArgumentException">No network has that name.</exception>
    public ISegmentationNetwork Create(string name) =>
        Contains(name) ? _create(name) : throw new ArgumentException($"unknown network '{name}'; known networks: {string.Join(", ", Names)}", nameof(name));

    /// <summary>The networks of every catalog; a name declared twice is an error, since <c>--model</c> could not choose.</summary>
    public static NetworkCatalog Combine(params NetworkCatalog[] catalogs)
    {
        var owner = new Dictionary<string, NetworkCatalog>(StringComparer.Ordinal);
        foreach (NetworkCatalog catalog in catalogs)
            foreach (string name in catalog.Names)
                if (!owner.TryAdd(name, catalog))
                    throw new ArgumentException($"two catalogs declare a network named '{name}'", nameof(catalogs));
        string[] names = owner.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        return new NetworkCatalog(names, name => owner[name].Create(name));
    }
}
