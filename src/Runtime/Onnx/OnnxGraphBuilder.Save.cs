using System;
using System.IO;
using System.Threading;
using Google.Protobuf;

namespace Segment.Runtime.Onnx;

public sealed partial class OnnxGraphBuilder
{
    private static int _tempCounter;

    /// <summary>The serialized model (an ordinary .onnx file's bytes).</summary>
    public byte[] ToBytes() => Build().ToByteArray();

    /// <summary>Writes the model to <paramref name="stream"/>; the stream is left open.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var model = Build();
        using var coded = new CodedOutputStream(stream, leaveOpen: true);
        model.WriteTo(coded);
        coded.Flush();
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/>. The bytes go to a temporary file in the same
    /// folder that is then renamed over the target, so a reader never sees a partial model and an
    /// existing file survives a failed export. Errors name the path: <see cref="IOException"/>.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Build();   // validation errors surface before anything touches the disk
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        // Same folder, so the rename stays on one file system and is atomic; pid + counter keep
        // concurrent exports apart. Only the file name is unique, never the content.
        string temp = Path.Combine(dir,
            $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Interlocked.Increment(ref _tempCounter)}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var coded = new CodedOutputStream(file, leaveOpen: true))
                {
                    model.WriteTo(coded);
                    coded.Flush();
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new IOException($"could not write ONNX model '{GraphName}' to '{full}': {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp name starts with '.', and the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
