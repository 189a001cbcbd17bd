using System;
using System.Collections.Generic;

namespace Segment.Runtime.Serialization;

/// <summary>
/// A state dict that does not fit a module: missing keys, unexpected keys (strict loading) and
/// shape mismatches, all reported together so one failed load shows every problem.
/// </summary>
public sealed class StateDictMismatchException : Exception
{
    public StateDictMismatchException(
        string message,
        IReadOnlyList<string> missingKeys,
        IReadOnlyList<string> unexpectedKeys,
        IReadOnlyList<(string Key, long[] Expected, long[] Loaded)> shapeMismatches)
        : base(message)
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        ShapeMismatches = shapeMismatches;
    }

    /// <summary>Keys the module has and the state dict lacks (reported only when strict).</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Keys the state dict has and the module lacks (reported only when strict).</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>Keys present in both whose shapes differ (always reported, as PyTorch does).</summary>
    public IReadOnlyList<(string Key, long[] Expected, long[] Loaded)> ShapeMismatches { get; }
}
