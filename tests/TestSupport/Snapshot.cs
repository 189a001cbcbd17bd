using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace Segment.TestSupport;

/// <summary>
/// Snapshot files in Verify's convention: <c>{Class}.{Test}.verified.{ext}</c> is committed next to
/// the test source; on a mismatch <c>{Class}.{Test}.received.{ext}</c> is written beside it (git-ignored)
/// and the test fails. To accept a change, run the tests with SEGMENT_ACCEPT_SNAPSHOTS=1 (for example
/// <c>SEGMENT_ACCEPT_SNAPSHOTS=1 dotnet test tests/Generator.Tests -c Release --filter Snapshot</c>) and review the diff.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string name, string extension = "cs", [CallerFilePath] string sourceFile = "")
    {
        string dir = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");
        Directory.CreateDirectory(dir);
        string verified = Path.Combine(dir, $"{name}.verified.{extension}");
        string received = Path.Combine(dir, $"{name}.received.{extension}");
        string normalized = actual.Replace("\r\n", "\n");
        bool accept = Environment.GetEnvironmentVariable("SEGMENT_ACCEPT_SNAPSHOTS") == "1";
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (accept)
        {
            File.WriteAllText(verified, normalized);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, normalized);
        Assert.Fail(File.Exists(verified)
            ? $"Snapshot {name} differs from {verified}; the new text is in {received}. Accept with SEGMENT_ACCEPT_SNAPSHOTS=1."
            : $"Snapshot {name} has no verified file; the text is in {received}. Accept with SEGMENT_ACCEPT_SNAPSHOTS=1.");
    }
}
