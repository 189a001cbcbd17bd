using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// A short job that finishes in about a minute on two shared cores: 3 warm-up and 10 measured
/// iterations, run in this process (InProcessEmitToolchain: no generated project to restore and build).
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("Short"));
        AddColumn(new PerNetworkColumn());
    }
}

/// <summary>The mean divided by the number of networks in the compilation.</summary>
public sealed class PerNetworkColumn : IColumn
{
    public string Id => nameof(PerNetworkColumn);
    public string ColumnName => "Mean/network";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => "Mean divided by the number of example networks in the compilation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
            return "NA";
        return Format(statistics.Mean / Networks.Value);
    }

    private static readonly System.Lazy<int> Networks = new(() => Inputs.ExampleFiles().Length);

    /// <summary>Nanoseconds in the unit that keeps 1 to 999 of it.</summary>
    internal static string Format(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => (nanoseconds / 1e6).ToString("N2", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (nanoseconds / 1e3).ToString("N2", CultureInfo.InvariantCulture) + " μs",
        _ => nanoseconds.ToString("N2", CultureInfo.InvariantCulture) + " ns",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
