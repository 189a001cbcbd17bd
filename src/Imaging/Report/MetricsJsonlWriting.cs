using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Segment.IO;

namespace Segment.Imaging.Report;

/// <summary>
/// The writing half of metrics.jsonl, so a trainer logs exactly the schema <see cref="Read"/>
/// accepts instead of re-spelling it: values that are null are left out, non-finite ones are
/// written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> (plain JSON has no
/// NaN, and a diverged loss must still be logged), doubles in their shortest round-trip form.
/// </summary>
public static partial class MetricsJsonl
{
    /// <summary>The row as one line of JSON, without the newline.</summary>
    public static string Format(EpochRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", row.Epoch);
            WriteValue(json, "train_loss", row.TrainLoss);
            WriteValue(json, "lr", row.LearningRate);
            WriteValue(json, "seconds", row.Seconds);
            if (row.Validation.Count > 0)
            {
                json.WriteStartObject("val");
                foreach (var (name, value) in row.Validation)
                    WriteValue(json, name, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Appends the row as one line, in one write, flushed to disk. The file has one writer (the
    /// run's trainer): a last line without its newline is what a killed earlier run was writing,
    /// and it is cut off first, so the new line never joins it. The target must be a regular file
    /// or absent, in an existing folder (<see cref="OutputFiles.Resolve"/>).
    /// </summary>
    public static void Append(string path, EpochRow row)
    {
        byte[] line = Encoding.UTF8.GetBytes(Format(row) + "\n");
        string target = OutputFiles.Resolve(path);
        using var stream = new FileStream(target, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        stream.SetLength(CompleteLength(stream));
        stream.Seek(0, SeekOrigin.End);
        stream.Write(line);
        stream.Flush(flushToDisk: true);
    }

    // The length up to and including the last newline (0 when there is none).
    private static long CompleteLength(FileStream stream)
    {
        var chunk = new byte[4096];
        long end = stream.Length;
        while (end > 0)
        {
            int n = (int)Math.Min(chunk.Length, end);
            stream.Seek(end - n, SeekOrigin.Begin);
            stream.ReadExactly(chunk, 0, n);
            int i = Array.LastIndexOf(chunk, (byte)'\n', n - 1);
            if (i >= 0)
                return end - n + i + 1;
            end -= n;
        }
        return 0;
    }

    private static void WriteValue(Utf8JsonWriter json, string name, double? value)
    {
        if (value is not double v)
            return;
        if (double.IsNaN(v))
            json.WriteString(name, "NaN");
        else if (double.IsPositiveInfinity(v))
            json.WriteString(name, "Infinity");
        else if (double.IsNegativeInfinity(v))
            json.WriteString(name, "-Infinity");
        else
            json.WriteNumber(name, v);
    }
}
