using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using Segment.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Generator.Tests;

/// <summary>
/// The code fixes as a command-line user applies them: <c>dotnet format analyzers --diagnostics ID --severity error</c>
/// on a scratch project that uses the DSL as examples/Networks does (Segment.Dsl and Segment.Runtime referenced, the
/// generator and the code fixes as analyzers), with two or more instances of the diagnostic in one file. The file must
/// then hold the fixed values and the project must build (the generator's code included). dotnet format exits 0 even
/// when it fixes nothing ("Unable to fix ... doesn't support Fix All in Solution"), so the tests read the file.
/// </summary>
/// <remarks>
/// Slow (one dotnet format and one dotnet build per diagnostic, after one build of the referenced projects), so in a
/// class of their own. The projects build in Debug: dotnet format has no configuration option and its workspace takes
/// the analyzers from the referenced projects' Debug output. Where that output is missing its workspace drops the
/// reference to Segment.Dsl (a warning at diagnostic verbosity only: "Found project reference without a matching
/// metadata reference"), the analyzer sees no network and nothing is fixed, with exit code 0. The fixed diagnostics come from SegmentDiagnosticAnalyzer, a DiagnosticAnalyzer beside the generator,
/// not from the generator, and need no generated code: dotnet format runs it like any third-party analyzer.
/// </remarks>
public sealed class DotnetFormatTests(DotnetFormatTests.ScratchBuild scratch, ITestOutputHelper log) : IClassFixture<DotnetFormatTests.ScratchBuild>
{
    [Theory]
    [InlineData("SEG2001")]
    [InlineData("SEG2003")]
    [InlineData("SEG2008")]
    [InlineData("SEG2010")]
    [InlineData("SEG2011")]
    [InlineData("SEG2012")]
    [InlineData("SEG1015")]
    public void Dotnet_format_analyzers_fixes_every_instance_and_the_project_builds(string id)
    {
        var (broken, fixedText) = Cases(id);
        string project = scratch.NewProject(id, broken);

        var watch = Stopwatch.StartNew();
        string output = ScratchBuild.Dotnet(project, "format", "analyzers", "Scratch.csproj", "--diagnostics", id, "--severity", "error", "-v", "diag");
        log.WriteLine($"dotnet format analyzers --diagnostics {id}: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.DoesNotContain("Unable to fix", output);

        Assert.Equal(fixedText, File.ReadAllText(Path.Combine(project, "Network.cs")));
        watch.Restart();
        ScratchBuild.Dotnet(project, "build", "Scratch.csproj", "--no-restore", "-nologo", "-nodeReuse:false", "-v", "q", "-clp:ErrorsOnly");
        log.WriteLine($"dotnet build: {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The declaration with two or more instances of <paramref name="id"/>, and what the fixes make of it.</summary>
    private static (string Broken, string Fixed) Cases(string id) => id switch
    {
        // Expected numbers 3 (the input's), 16 (En1's out) and 32 (16 + skip 16), three of them different.
        "SEG2001" => (U2Net(en1In: "4", en2In: "12", de2In: "24", de1In: "30"), U2Net()),
        "SEG2003" => (U2Net(en3Height: "5", de2Height: "3"), U2Net()),
        // One Depth to add (the default 4 is not written), one to replace, to different values.
        "SEG2008" => (
            UNet("""Channels = new[] { 8, 16, 32 }""", """Channels = new[] { 8, 16, 32, 64 }, Depth = 2"""),
            UNet("""Channels = new[] { 8, 16, 32 }, Depth = 2""", """Channels = new[] { 8, 16, 32, 64 }, Depth = 3""")),
        "SEG2010" => (
            UNetPlusPlus("Filters = new[] { 8, 16 }, DeepSupervision = true", "Filters = new[] { 4, 8 }, DeepSupervision = true", "[Input(3)]", "[Input(1)]"),
            UNetPlusPlus("Filters = new[] { 8, 16 }, DeepSupervision = false", "Filters = new[] { 4, 8 }, DeepSupervision = false", "[Input(3)]", "[Input(1)]")),
        // Two levels (multiple 4): 30 -> 32 and 50 -> 52; three levels (multiple 8): 20 -> 24.
        "SEG2011" => (
            UNetPlusPlus("Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 16, 32, 64 }", "[Input(3, Height = 30, Width = 50)]", "[Input(3, Height = 20, Width = 64)]"),
            UNetPlusPlus("Filters = new[] { 8, 16, 32 }", "Filters = new[] { 8, 16, 32, 64 }", "[Input(3, Height = 32, Width = 52)]", "[Input(3, Height = 24, Width = 64)]")),
        // Every expected value from Channels[0], so one run gives a doubling list: 12 -> 16, 24 -> 32; 48 -> 64.
        "SEG2012" => (
            UNet("""Channels = new[] { 8, 12, 24, 64 }, Depth = 3, Bilinear = false""", """Channels = new[] { 16, 32, 48 }, Depth = 2, Bilinear = false"""),
            UNet("""Channels = new[] { 8, 16, 32, 64 }, Depth = 3, Bilinear = false""", """Channels = new[] { 16, 32, 64 }, Depth = 2, Bilinear = false""")),
        // Decoders written shallowest first: the fix lists them deepest first.
        "SEG1015" => (ReversedDecoders(reversed: true), ReversedDecoders(reversed: false)),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "no case"),
    };

    private static string U2Net(string en1In = "3", string en2In = "16", string de2In = "32", string de1In = "32", string en3Height = "4", string de2Height = "4") => $$"""
        using Segment.Dsl;

        namespace Scratch;

        [U2Net(Name = "tiny")]
        [Input(3)]
        [Encoder("En1", 4, {{en1In}}, 8, 16)]
        [Encoder("En2", 4, {{en2In}}, 8, 16)]
        [Encoder("En3", {{en3Height}}, 16, 8, 16, Dilated = true, Side = true)]
        [Decoder("De2", {{de2Height}}, {{de2In}}, 8, 16, Dilated = true, Side = true)]
        [Decoder("De1", 4, {{de1In}}, 8, 16, Side = true)]
        public partial class Tiny
        {
        }

        """;

    private static string ReversedDecoders(bool reversed)
    {
        string de1 = """[Decoder("De1", 4, 48, 8, 16, Side = true)]""";
        string de2 = """[Decoder("De2", 4, 96, 8, 32, Dilated = true, Side = true)]""";
        return $$"""
            using Segment.Dsl;

            namespace Scratch;

            [U2Net(Name = "tiny")]
            [Encoder("En1", 4, 3, 8, 16)]
            [Encoder("En2", 4, 16, 8, 32)]
            [Encoder("En3", 4, 32, 8, 64, Dilated = true, Side = true)]
            {{(reversed ? de1 : de2)}}
            {{(reversed ? de2 : de1)}}
            public partial class Tiny
            {
            }
            """;
    }

    private static string UNet(string first, string second) => $$"""
        using Segment.Dsl;

        namespace Scratch;

        [UNet(Classes = 2, {{first}}, Name = "first")]
        public partial class First
        {
        }

        [UNet({{second}}, Name = "second")]
        public partial class Second
        {
        }

        """;

    private static string UNetPlusPlus(string first, string second, string firstInput, string secondInput) => $$"""
        using Segment.Dsl;

        namespace Scratch;

        [UNetPlusPlus({{first}}, Name = "first")]
        {{firstInput}}
        public partial class First
        {
        }

        [UNetPlusPlus({{second}}, Name = "second")]
        {{secondInput}}
        public partial class Second
        {
        }

        """;

    /// <summary>
    /// A temp folder for the scratch projects (its own empty Directory.Build.props and .targets, so nothing above it
    /// applies), and one build of a valid scratch project first: it builds the referenced projects in Debug, which
    /// dotnet format needs, and shows that the project itself builds before any test breaks it.
    /// </summary>
    public sealed class ScratchBuild
    {
        private readonly string _root = RepoPaths.NewTempDirectory("dotnet-format");

        public ScratchBuild()
        {
            File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(_root, "Directory.Build.targets"), "<Project />\n");
            string baseline = NewProject("baseline", U2Net());
            Dotnet(baseline, "build", "Scratch.csproj", "-nologo", "-nodeReuse:false", "-v", "q", "-clp:ErrorsOnly");
        }

        /// <summary>A new scratch project named <paramref name="name"/> whose one source file, Network.cs, is <paramref name="source"/>.</summary>
        public string NewProject(string name, string source)
        {
            string dir = Path.Combine(_root, name);
            Directory.CreateDirectory(dir);
            string src = Path.Combine(RepoPaths.Root, "src");
            File.WriteAllText(Path.Combine(dir, "Scratch.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <RootNamespace>Scratch</RootNamespace>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{src}/Dsl/Segment.Dsl.csproj" />
                    <ProjectReference Include="{src}/Runtime/Segment.Runtime.csproj" />
                    <ProjectReference Include="{src}/Generator/Segment.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                    <ProjectReference Include="{src}/Generator/CodeFixes/Segment.Generator.CodeFixes.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                  <ItemGroup>
                    <CompilerVisibleProperty Include="RootNamespace" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Network.cs"), source);
            return dir;
        }

        /// <summary>Runs dotnet with <paramref name="args"/> in <paramref name="dir"/>; throws with its output unless it exits 0.</summary>
        public static string Dotnet(string dir, params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in args)
                psi.ArgumentList.Add(a);
            // The test host runs under dotnet test, whose MSBuild variables would point the child's MSBuild elsewhere.
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                string key = (string)variable.Key;
                if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                    psi.Environment.Remove(key);
            }
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
            var output = new StringBuilder();
            using var outDone = new ManualResetEventSlim();
            using var errDone = new ManualResetEventSlim();
            p.OutputDataReceived += (_, e) => { if (e.Data is null) outDone.Set(); else lock (output) output.AppendLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data is null) errDone.Set(); else lock (output) output.AppendLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (!p.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet {string.Join(' ', args)} ran over 5 minutes:\n{output}");
            }
            // A build server started by the command may hold the pipes open: wait for them a little, not for it.
            outDone.Wait(TimeSpan.FromSeconds(10));
            errDone.Wait(TimeSpan.FromSeconds(10));
            string text;
            lock (output) text = output.ToString();
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"dotnet {string.Join(' ', args)} in {dir} exited {p.ExitCode}:\n{text}");
            return text;
        }
    }
}
