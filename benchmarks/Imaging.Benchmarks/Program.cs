using System;
using System.IO;
using BenchmarkDotNet.Running;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Imaging.Benchmarks -- --filter '*'</c>: the file each PNG encoder
/// writes for the benchmarks' map, then BenchmarkDotNet's timings of each (<see cref="PngEncoderBenchmarks"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var benchmarks = new PngEncoderBenchmarks();
        benchmarks.Setup();
        Console.WriteLine($"file sizes, 512 x 512 map: Zlib {benchmarks.Zlib()} B, ImageSharpLevel1Up {benchmarks.ImageSharpLevel1Up()} B, ImageSharpDefault {benchmarks.ImageSharpDefault()} B");
        benchmarks.Cleanup();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
