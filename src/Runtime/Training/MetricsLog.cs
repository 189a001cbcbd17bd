using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Text;
using System.Text.Json;

namespace Segment.Runtime.Training;

/// <summary>
/// RUN/metrics.jsonl, one <see cref="EpochRecord"/> per line. Each append rewrites the file atomically
/// (<see cref="Segment.IO.OutputFiles"/>), so a reader never sees half a line; a resumed run first drops
/// the lines of epochs it is about to train again.
/// </summary>
internal sealed class MetricsLog(string path)
{
    public void KeepEpochsBefore(int epoch)
    {
        if (!File.Exists(path))
            return;
        var kept = ReadLines().Where(l => EpochOf(l) < epoch).ToList();
        Write(kept);
    }

    public void Append(EpochRecord record)
    {
        var lines = File.Exists(path) ? ReadLines() : [];
        lines.Add(record.ToJson());
        Write(lines);
    }

    // A FIFO or a device in the run folder under this name would block the read or never end it.
    private List<string> ReadLines()
    {
        Segment.IO.InputFiles.RequireRegular(path, "metrics log");
        return File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
    }

    private void Write(List<string> lines)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        Segment.IO.OutputFiles.Write(path, bytes);
    }

    private int EpochOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("epoch").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a metrics line: {line}", e);
        }
    }
}
