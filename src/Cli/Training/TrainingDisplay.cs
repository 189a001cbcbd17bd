using System;
using System.Globalization;
using System.Linq;
using Segment.Runtime.Training;
using Spectre.Console;

using Segment.Imaging.Report;

namespace Segment.Cli.Training;

/// <summary>
/// What `train` shows while it runs. On a terminal: a Spectre.Console progress bar per epoch with the loss,
/// learning rate, images/s and time left. Elsewhere (CI, a pipe, a log file): plain lines, ten per epoch, so a
/// log shows the same figures without escape codes. Either way one line per finished epoch with its validation.
/// </summary>
public sealed class TrainingDisplay : IProgress<TrainingProgress>, IProgress<EpochRecord>
{
    private ProgressTask? _task;
    private ProgressContext? _context;
    private int _lastPrintedTenth = -1;

    /// <summary>True where a live progress bar can be drawn.</summary>
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="body"/> with the progress bar live (or plain lines), returning its result.</summary>
    public T Run<T>(Func<T> body)
    {
        if (!Interactive)
            return body();
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                return body();
            });
    }

    public void Report(TrainingProgress p)
    {
        string figures = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}  loss {NumberText.Format(p.Loss)}  lr {NumberText.Format(p.LearningRate)}  {p.ImagesPerSecond:F1} img/s  eta {Eta(p.Eta)}");
        if (_context is not null)
        {
            if (_task is null || _task.Description.StartsWith($"epoch {p.Epoch}/", StringComparison.Ordinal) is false)
            {
                _task?.StopTask();
                _task = _context.AddTask(Markup.Escape(figures), maxValue: p.StepsPerEpoch);
            }
            _task.Value = p.Step;
            _task.Description = Markup.Escape(figures);
            return;
        }
        int tenth = p.Step * 10 / p.StepsPerEpoch;
        if (tenth != _lastPrintedTenth || p.Step == 1)
        {
            _lastPrintedTenth = tenth;
            Console.Out.WriteLine(figures);
        }
    }

    public void Report(EpochRecord e)
    {
        _lastPrintedTenth = -1;
        string line = string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}: train loss {NumberText.Format(e.TrainLoss)}, lr {NumberText.Format(e.LearningRate)}, {e.Seconds:F1} s") + Validation(e.Validation);
        if (_context is not null)
            AnsiConsole.MarkupLine(Markup.Escape(line));
        else
            Console.Out.WriteLine(line);
    }

    private static string N(double? v) => v is double d ? NumberText.Format(d) : "-";

    /// <summary>", val max_f 0.8123, mae 0.05127" (or the class metrics).</summary>
    public static string Validation(EvaluationResult? v)
    {
        if (v is null)
            return "";
        if (v.MaxF is double f)
            return $", val max_f {NumberText.Format(f)}, mae {N(v.Mae)}";
        return $", val dice {N(v.Dice)}, miou {N(v.MeanIou)}, accuracy {N(v.Accuracy)}";
    }

    private static string Eta(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
