using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Tests.Harness;
using Segment.TestSupport;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>The generated source of each example network, file by file, against Snapshots/{Network}.{Part}.verified.cs.</summary>
public sealed class SnapshotTests
{
    public static readonly string[] Parts = { "Module", "Output", "Loss", "Summary", "Network", "OnnxExport" };

    public static IEnumerable<object[]> Cases() =>
        from network in ExampleNetworks.Names
        from part in PartsOf(network)
        select new object[] { network, part };

    /// <summary>The files generated for an example: every family emits all of them (ONNX export included).</summary>
    public static IEnumerable<string> PartsOf(string network) => Parts;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_file_matches_snapshot(string network, string part)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.Read(network)));

        Assert.Empty(run.Diagnostics);
        Snapshot.Verify(run.Source($".{network}.{part}.g.cs"), $"{network}.{part}");
    }

    [Fact]
    public void Registry_lists_every_example_by_name()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.ReadAll()));

        string registry = run.Source("Segment.Examples.Networks.GeneratedNetworks.g.cs");
        Assert.Contains("\"u2net\" => new global::Segment.Examples.Networks.U2Net(),", registry);
        Assert.Contains("\"u2netp\" => new global::Segment.Examples.Networks.U2NetLite(),", registry);
        Snapshot.Verify(registry, "GeneratedNetworks");
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation(ExampleNetworks.ReadAll()));

        // Every network's files + the registry.
        Assert.Equal(ExampleNetworks.Names.Sum(n => PartsOf(n).Count()) + 1, run.Sources.Count);
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Take(20).Select(GeneratorHarness.Describe)));
    }

    [Fact]
    public void Examples_have_no_diagnostics()
    {
        var (diagnostics, exceptions) = GeneratorHarness.Analyze(GeneratorHarness.Compilation(ExampleNetworks.ReadAll()));

        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
    }
}
