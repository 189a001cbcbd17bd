using System.Linq;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The same declarations give byte-identical output on independent runs (no hash order, no culture, no clock).</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Two_runs_produce_identical_text()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.ReadAll())).Sources;
        var second = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.ReadAll().Reverse().ToArray())).Sources;

        Assert.Equal(first.Count, second.Count);
        var byName = second.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        foreach (var source in first)
            Assert.Equal(source.SourceText.ToString(), byName[source.HintName]);
    }
}
