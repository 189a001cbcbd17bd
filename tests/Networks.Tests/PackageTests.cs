using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// Packaging as users meet it: <c>dotnet pack</c> makes the Segment, Segment.Dsl and Segment.Imaging packages, and a
/// fresh console project that references Segment gets its own network generated, built and run.
/// </summary>
public sealed class PackageTests
{
    private const string ConsumerSource = """
        using System;
        using Segment.Dsl;
        using Segment.Runtime.NN;
        using TorchSharp;

        [U2Net(OutChannels = 1, Name = "tiny")]
        [Input(3, Height = 32, Width = 32)]
        [Encoder("En1", 4, 3, 8, 16)]
        [Encoder("En2", 4, 16, 8, 16, Dilated = true, Side = true)]
        [Decoder("De1", 4, 32, 8, 16, Side = true)]
        public partial class Tiny { }

        public static class Program
        {
            public static int Main()
            {
                using var net = new Tiny();
                net.eval();
                using var scope = torch.NewDisposeScope();
                using var x = torch.rand(1, 3, 32, 32);
                TinyOutput y = net.forward(x);
                Console.WriteLine($"names={string.Join(",", Consumer.GeneratedNetworks.Names)} params={net.parameter_count()} summary={Tiny.Summary.TotalParameters} prob=[{string.Join(", ", y.Probabilities!.shape)}]");
                return 0;
            }
        }
        """;

    [Fact]
    public void A_fresh_console_project_gets_its_network_generated_from_the_package()
    {
        string work = RepoPaths.NewTempDirectory("package");
        string feed = Path.Combine(work, "feed");
        foreach (string project in new[] { "src/Dsl/Segment.Dsl.csproj", "src/Imaging/Segment.Imaging.csproj", "src/Runtime/Segment.Runtime.csproj" })
            Run(RepoPaths.Root, "dotnet", "pack", Path.Combine(RepoPaths.Root, project), "-c", "Release", "--no-build", "-o", feed, "-nologo");
        Assert.True(File.Exists(Path.Combine(feed, "Segment.0.1.0.nupkg")), "Segment.0.1.0.nupkg was not produced");

        string app = Path.Combine(work, "Consumer");
        Directory.CreateDirectory(app);
        // TorchSharp and its backend come from this machine's package cache used as a feed (no download in a
        // test run); the fresh packages folder keeps an older Segment 0.1.0 in that cache out of the way.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="machine-cache" value="{cache}" />
              </packageSources>
              <config><add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" /></config>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Segment" Version="0.1.0" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerSource);

        string output = Run(app, "dotnet", "run", "-c", "Release", "-nologo");
        Assert.Contains("names=tiny", output);
        Assert.Contains("prob=[1, 1, 32, 32]", output);
        Assert.Matches(@"params=(\d+) summary=\1 ", output);
    }

    private static string Run(string workingDirectory, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}:\n{stdout}\n{err}");
        return stdout;
    }
}
