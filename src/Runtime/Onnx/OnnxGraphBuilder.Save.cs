using System;
using System.IO;
using Google.Protobuf;

namespace Segment.Runtime.Onnx;

public sealed partial class OnnxGraphBuilder
{
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
    /// Writes the model to <paramref name="path"/> through <see cref="Segment.IO.OutputFiles"/>: a temporary file in the
    /// same folder renamed over the target, so a reader never sees a partial model, an existing file survives a
    /// failed export, and a target that is not a regular file (a device, a FIFO) is refused. Errors name the path.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Build();   // validation errors surface before anything touches the disk
        try
        {
            Segment.IO.OutputFiles.Write(path, stream =>
            {
                using var coded = new CodedOutputStream(stream, leaveOpen: true);
                model.WriteTo(coded);
                coded.Flush();
            });
        }
        catch (IOException e)
        {
            throw new IOException($"could not write ONNX model '{GraphName}': {e.Message}", e);
        }
    }
}
