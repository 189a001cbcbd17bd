using System;
using System.IO;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Builds the exception for a checkpoint that cannot be read: not a zip, truncated, missing a
/// record, a storage too short for its tensors, an unknown pickle opcode, a forbidden global.
/// It is a plain <see cref="InvalidDataException"/> (a sealed type, so no subclass) whose message
/// starts with the file's path; <see cref="PathKey"/> in <see cref="Exception.Data"/> holds the path.
/// </summary>
public static class CheckpointErrors
{
    /// <summary>Key of the checkpoint path in <see cref="Exception.Data"/>.</summary>
    public const string PathKey = "CheckpointPath";

    public static InvalidDataException Invalid(string path, string problem, Exception? inner = null)
    {
        var e = new InvalidDataException($"{path}: {problem}", inner);
        e.Data[PathKey] = path;
        return e;
    }

    /// <summary>True if <paramref name="e"/> already names its checkpoint (so it is not wrapped twice).</summary>
    internal static bool NamesFile(Exception e) => e.Data.Contains(PathKey);
}
