using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// A short job that finishes in about a minute and a half on two shared cores: 3 warm-up and 10 measured
/// iterations, run in this process (InProcessEmitToolchain: no generated project to restore and build).
/// Min and Median beside the Mean: on a shared machine the mean mostly measures the other processes.
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
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        AddColumn(new PerNetworkColumn("Mean", s => s.Mean), new PerNetworkColumn("Min", s => s.Min));
    }
}

/// <summary>A statistic (the mean, the minimum) divided by the number of networks in the compilation.</summary>
public sealed class PerNetworkColumn : IColumn
{
    private readonly string statistic;
    private readonly System.Func<Statistics, double> value;

    public PerNetworkColumn(string statistic, System.Func<Statistics, double> value)
    {
        this.statistic = statistic;
        this.value = value;
    }

    public string Id => nameof(PerNetworkColumn) + statistic;
    public string ColumnName => statistic + "/network";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => statistic == "Mean" ? 10 : 11;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => statistic + " divided by the number of example networks in the compilation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
            return "NA";
        return Format(value(statistics) / Networks.Value);
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
