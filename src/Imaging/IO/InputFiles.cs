using System.IO;

namespace Segment.IO;

/// <summary>
/// Checks a file the user names as input (weights, an array, an image) before anything reads it:
/// it must exist and, through any links, be a regular file. A FIFO would block the read forever and
/// /dev/zero would fill memory; each is refused here with one line naming the path.
/// </summary>
public static class InputFiles
{
    /// <summary>Returns the file's length in bytes; throws <see cref="FileNotFoundException"/> or <see cref="IOException"/> naming it.</summary>
    /// <param name="path">The path as the user wrote it (messages quote it unchanged).</param>
    /// <param name="what">What the file is for, as messages say it ("weights", "input").</param>
    public static long RequireRegular(string path, string what)
    {
        FileKind kind = FileKinds.OfTarget(path);
        if (kind == FileKind.Missing)
            throw new FileNotFoundException($"{what} file '{path}' does not exist", path);
        if (kind != FileKind.Regular)
            throw new IOException($"{what} '{path}' is {NotRegular(kind)}");
        return new FileInfo(path).Length;
    }

    /// <summary>
    /// Null for a regular file (through any links), else what is wrong with it, for a message that already names
    /// the path: "does not exist", "is a FIFO (named pipe), not a regular file".
    /// </summary>
    public static string? Problem(string path)
    {
        FileKind kind;
        try
        {
            kind = FileKinds.OfTarget(path);
        }
        catch (IOException e)
        {
            return e.Message;   // a link loop, a path too long: stat's own reason, naming the path
        }
        return kind switch
        {
            FileKind.Regular => null,
            FileKind.Missing => "does not exist",
            _ => "is " + NotRegular(kind),
        };
    }

    private static string NotRegular(FileKind kind) => $"{FileKinds.Describe(kind)}, not a regular file";
}
