using System;
using System.IO;
using System.Linq;
using Segment.Imaging.Report;
using Segment.TestSupport;
using Xunit;

namespace Segment.Report.Tests;

/// <summary>metrics.jsonl as docs/report.md describes it: the trainer's lines, resumes, a line being written, and bad lines.</summary>
public class MetricsJsonlTests
{
    [Fact]
    public void The_documented_line_reads_into_a_row()
    {
        string path = Write("{\"epoch\":1,\"train_loss\":0.5,\"lr\":0.001,\"seconds\":12.3,\"val\":{\"mae\":0.1,\"max_f\":0.8}}\n");
        EpochRow row = Assert.Single(MetricsJsonl.Read(path));
        Assert.Equal((1, 0.5, 0.001, 12.3), (row.Epoch, row.TrainLoss!.Value, row.LearningRate!.Value, row.Seconds!.Value));
        Assert.Equal(["mae", "max_f"], row.Validation.Keys);
        Assert.Equal(0.8, row.Validation["max_f"]);
    }

    [Fact]
    public void The_trainers_class_metrics_line_charts_its_scores_but_not_its_image_count_or_per_class_list()
    {
        // As Segment.Runtime.Training writes it for a UNet (EpochRecord with its EvaluationResult).
        string path = Write("{\"epoch\":2,\"train_loss\":0.7,\"lr\":0.01,\"val\":{\"images\":4,\"dice\":0.61,\"miou\":0.55,\"accuracy\":0.9,\"per_class_iou\":[0.8,\"NaN\"]},\"seconds\":3.1}\n");
        EpochRow row = Assert.Single(MetricsJsonl.Read(path));
        Assert.Equal(["dice", "miou", "accuracy"], row.Validation.Keys);
    }

    [Fact]
    public void Optional_values_may_be_missing_null_or_named_non_finite_numbers_and_unknown_keys_are_ignored()
    {
        string path = Write(
            "{\"epoch\":1,\"train_loss\":\"NaN\",\"val\":{\"dice\":null,\"miou\":\"-Infinity\"},\"step\":100,\"note\":\"x\"}\n" +
            "\n" +
            "{\"epoch\":2,\"train_loss\":null,\"lr\":\"Infinity\",\"val\":null}\r\n");
        var rows = MetricsJsonl.Read(path);
        Assert.Equal(2, rows.Count);
        Assert.True(double.IsNaN(rows[0].TrainLoss!.Value));
        Assert.Null(rows[0].LearningRate);
        Assert.Null(rows[0].Seconds);
        Assert.Equal(["miou"], rows[0].Validation.Keys);
        Assert.Equal(double.NegativeInfinity, rows[0].Validation["miou"]);
        Assert.Null(rows[1].TrainLoss);
        Assert.Equal(double.PositiveInfinity, rows[1].LearningRate);
        Assert.Empty(rows[1].Validation);
    }

    [Fact]
    public void A_resumed_run_s_repeated_epoch_replaces_the_earlier_line_and_rows_come_in_epoch_order()
    {
        string path = Write(Line(1, 0.9) + Line(2, 0.8) + Line(3, 0.7) + Line(2, 0.6) + Line(3, 0.5) + Line(0, 1.0));
        var rows = MetricsJsonl.Read(path);
        Assert.Equal([0, 1, 2, 3], rows.Select(r => r.Epoch));
        Assert.Equal([1.0, 0.9, 0.6, 0.5], rows.Select(r => r.TrainLoss!.Value));
    }

    [Fact]
    public void A_last_line_still_being_written_is_skipped()
    {
        string path = Write(Line(1, 0.9) + Line(2, 0.8) + "{\"epoch\":3,\"train_lo");
        Assert.Equal([1, 2], MetricsJsonl.Read(path).Select(r => r.Epoch));
    }

    [Theory]
    [InlineData("{\"epoch\":1,\"train_lo\n", "2: ")]                                   // broken, but ended: not a write in progress
    [InlineData("[1,2]\n", "must be a JSON object")]
    [InlineData("{\"train_loss\":0.5}\n", "no \"epoch\"")]
    [InlineData("{\"epoch\":1.5}\n", "\"epoch\" must be an integer >= 0, got 1.5")]
    [InlineData("{\"epoch\":-1}\n", "\"epoch\" must be an integer >= 0")]
    [InlineData("{\"epoch\":\"3\"}\n", "\"epoch\" must be an integer")]
    [InlineData("{\"epoch\":1,\"seconds\":-2}\n", "\"seconds\" must be >= 0")]
    [InlineData("{\"epoch\":1,\"train_loss\":\"high\"}\n", "\"train_loss\" must be a number, got \"high\"")]
    [InlineData("{\"epoch\":1,\"val\":[0.1]}\n", "\"val\" must be an object")]
    [InlineData("{\"epoch\":1,\"val\":{\"mae\":true}}\n", "\"val.mae\" must be a number, got true")]
    public void A_bad_line_is_an_error_naming_the_file_and_line(string bad, string expected)
    {
        string path = Write(Line(1, 0.9) + bad);
        var e = Assert.Throws<FormatException>(() => MetricsJsonl.Read(path));
        Assert.StartsWith($"{path}:2: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("metrics"), "metrics.jsonl");
        var e = Assert.Throws<FileNotFoundException>(() => MetricsJsonl.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void FromMetricsJsonl_titles_the_report_with_the_run_folder_and_renders_its_curves()
    {
        string run = Path.Combine(RepoPaths.NewTempDirectory("metrics"), "run-7");
        Directory.CreateDirectory(run);
        string path = Path.Combine(run, "metrics.jsonl");
        File.WriteAllText(path, string.Concat(Enumerable.Range(1, 3).Select(e =>
            $"{{\"epoch\":{e},\"train_loss\":{1.0 / e},\"lr\":0.001,\"seconds\":5,\"val\":{{\"dice\":{0.5 + e / 10.0}}}}}\n")));
        TrainingReport report = TrainingReport.FromMetricsJsonl(path) with { Network = "UNet" };
        Assert.Equal("run-7", report.Title);
        Assert.Equal(3, report.Epochs.Count);
        Assert.Equal(["loss", "lr", "dice"], HtmlQueries.Charts(ReportWriter.Render(report)).Select(c => c.Metric));
    }

    private static string Line(int epoch, double loss) =>
        FormattableString.Invariant($"{{\"epoch\":{epoch},\"train_loss\":{loss}}}\n");

    private static string Write(string text)
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("metrics"), "metrics.jsonl");
        File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>The writing half: what a trainer logs reads back to the same rows.</summary>
public class MetricsJsonlWritingTests
{
    [Fact]
    public void Format_writes_the_documented_line()
    {
        var row = new EpochRow(1, 0.5, 0.001, 12.3, new System.Collections.Generic.Dictionary<string, double> { ["mae"] = 0.1, ["max_f"] = 0.8 });
        Assert.Equal("{\"epoch\":1,\"train_loss\":0.5,\"lr\":0.001,\"seconds\":12.3,\"val\":{\"mae\":0.1,\"max_f\":0.8}}", MetricsJsonl.Format(row));
    }

    [Fact]
    public void Appended_rows_read_back_unchanged_with_nulls_left_out_and_non_finite_values_as_strings()
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("metrics"), "metrics.jsonl");
        EpochRow[] rows =
        [
            new(0, double.NaN, null, 1.0 / 3, new System.Collections.Generic.Dictionary<string, double> { ["dice"] = double.NegativeInfinity, ["x\"<y"] = 1e-300 }),
            new(1, double.PositiveInfinity),
            new(2, 0.1 + 0.2, 3e-5, 0),
        ];
        foreach (EpochRow row in rows)
            MetricsJsonl.Append(path, row);
        Assert.Equal("{\"epoch\":1,\"train_loss\":\"Infinity\"}", File.ReadAllLines(path)[1]);
        var read = MetricsJsonl.Read(path);
        Assert.Equal(rows.Length, read.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal((rows[i].Epoch, rows[i].TrainLoss, rows[i].LearningRate, rows[i].Seconds),
                (read[i].Epoch, read[i].TrainLoss, read[i].LearningRate, read[i].Seconds));
            Assert.Equal(rows[i].Validation, read[i].Validation);
        }
    }

    [Fact]
    public void Append_cuts_off_a_line_a_killed_run_left_half_written()
    {
        string path = Path.Combine(RepoPaths.NewTempDirectory("metrics"), "metrics.jsonl");
        File.WriteAllText(path, "{\"epoch\":1,\"train_loss\":0.9}\n{\"epoch\":2,\"tra");
        MetricsJsonl.Append(path, new EpochRow(2, 0.8));
        Assert.Equal("{\"epoch\":1,\"train_loss\":0.9}\n{\"epoch\":2,\"train_loss\":0.8}\n", File.ReadAllText(path));

        File.WriteAllText(path, "{\"epo");                                       // no complete line at all
        MetricsJsonl.Append(path, new EpochRow(1, 0.7));
        Assert.Equal("{\"epoch\":1,\"train_loss\":0.7}\n", File.ReadAllText(path));
    }

    [Fact]
    public void Append_refuses_a_folder()
    {
        string dir = RepoPaths.NewTempDirectory("metrics");
        Assert.Throws<IOException>(() => MetricsJsonl.Append(dir, new EpochRow(1, 0.5)));
    }
}
