using System;
using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>The generated <c>GeneratedNetworks.Catalog</c>: what the command line takes from any assembly.</summary>
public class NetworkCatalogTests
{
    [Fact]
    public void The_generated_catalog_holds_the_registry_names_and_creates_each_network()
    {
        NetworkCatalog catalog = GeneratedNetworks.Catalog;
        Assert.Equal(GeneratedNetworks.Names, catalog.Names);
        using ISegmentationNetwork net = catalog.Create("unet32");
        Assert.IsType<UNet32>(net);
        Assert.Equal("unet32", net.Name);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => GeneratedNetworks.Catalog.Create("unet64"));
        Assert.Contains("unknown network 'unet64'", e.Message);
        Assert.Contains("u2netp", e.Message);
    }

    [Fact]
    public void Catalogs_combine_in_name_order_and_refuse_a_name_declared_twice()
    {
        var mine = new NetworkCatalog(["a-mine"], name => GeneratedNetworks.Create("unet32"));
        NetworkCatalog both = NetworkCatalog.Combine(GeneratedNetworks.Catalog, mine);
        Assert.Equal("a-mine", both.Names[0]);
        Assert.Equal(GeneratedNetworks.Names.Count + 1, both.Names.Count);
        using (ISegmentationNetwork u = both.Create("u2netp"))
            Assert.IsType<U2NetLite>(u);

        var e = Assert.Throws<ArgumentException>(() => NetworkCatalog.Combine(GeneratedNetworks.Catalog, GeneratedNetworks.Catalog));
        Assert.Contains("two catalogs declare a network named 'u2net'", e.Message);
    }
}
