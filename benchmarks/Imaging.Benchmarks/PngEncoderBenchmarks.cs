using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Segment.Imaging.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Segment.Imaging.Benchmarks;

/// <summary>
/// A 512 x 512 probability map as predict writes it: <see cref="PngEncoding"/> (the baseline) against ImageSharp 2.1's
/// encoder at its fastest level with the Up filter (what predict used before) and at its default.
/// </summary>
[MemoryDiagnoser]
public class PngEncoderBenchmarks
{
    private byte[] _levels = [];
    private Image<L8>? _image;
    private readonly MemoryStream _stream = new();

    public static readonly PngEncoder ImageSharpFastest = new() { CompressionLevel = PngCompressionLevel.BestSpeed, FilterMethod = PngFilterMethod.Up };

    [GlobalSetup]
    public void Setup()
    {
        _levels = ProbabilityMap.Levels(512);
        _image = Image.LoadPixelData<L8>(_levels, 512, 512);
    }

    [GlobalCleanup]
    public void Cleanup() => _image?.Dispose();

    [Benchmark(Baseline = true)]
    public long Zlib()
    {
        _stream.SetLength(0);
        PngFiles.WriteGrey(_levels, 512, 512, _stream);
        return _stream.Length;
    }

    [Benchmark]
    public long ImageSharpLevel1Up()
    {
        _stream.SetLength(0);
        _image!.SaveAsPng(_stream, ImageSharpFastest);
        return _stream.Length;
    }

    [Benchmark]
    public long ImageSharpDefault()
    {
        _stream.SetLength(0);
        _image!.SaveAsPng(_stream);
        return _stream.Length;
    }
}
