using System;

namespace Segment.Imaging;

/// <summary>
/// Bad data, in one message that starts with the file (or folder) at fault: an image without its
/// mask or the reverse, sizes that differ, a mask value that is neither a class nor the ignore
/// index, a file that does not decode, an empty split. Nothing else is thrown for bad data, so a
/// command line can print <see cref="Exception.Message"/> and exit non-zero.
/// </summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The file or folder the message is about.</summary>
    public string FilePath { get; }
}
