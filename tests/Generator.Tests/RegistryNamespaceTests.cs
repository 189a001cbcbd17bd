using System.Linq;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>
/// The registry's namespace comes from RootNamespace or, without it, the assembly name; MSBuild takes both from the
/// project file's name, so a project "my-app" must still get a registry that compiles.
/// </summary>
public sealed class RegistryNamespaceTests
{
    private const string Source = """
        using Segment.Dsl;

        namespace Demo;

        [UNet(BaseChannels = 4, Depth = 2, Name = "small")]
        public partial class Small
        {
        }
        """;

    [Theory]
    [InlineData("my-app", "my_app")]
    [InlineData("Segment.Examples.Networks", "Segment.Examples.Networks")]
    [InlineData("2d seg.class", "_2d_seg.@class")]
    public void Registry_namespace_is_made_of_identifiers(string assemblyName, string expectedNamespace)
    {
        var compilation = GeneratorHarness.Compilation(("Small.cs", Source)).WithAssemblyName(assemblyName);
        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Contains($"namespace {expectedNamespace};", run.Source("GeneratedNetworks.g.cs"));
        var errors = GeneratorHarness.CompileErrors(run.Output);
        Assert.True(errors.IsEmpty, string.Join("\n", errors.Select(GeneratorHarness.Describe)));
    }
}
