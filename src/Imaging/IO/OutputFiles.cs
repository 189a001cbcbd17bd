using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace Segment.IO;

/// <summary>
/// Writes files the way a user's outputs must be written: through a temporary file in the same folder,
/// renamed over the target, so a reader never sees half a file and a failed write leaves the old one.
/// A rename replaces whatever the name points to, so the target is checked first: an existing target must
/// be a regular file (never /dev/null, a FIFO or a folder); a symbolic link is written through, replacing the
/// file it points to and keeping the link. Errors name the user's target, never the temporary file.
/// </summary>
public static class OutputFiles
{
    /// <summary>Temporary files are <c>.segment-{pid}-{random}.tmp</c>: short (a 250-byte target name stays valid) and recognisable as ours.</summary>
    public const string TempPrefix = ".segment-";
    private const string TempSuffix = ".tmp";

    /// <summary>
    /// Checks, before any computation, that <paramref name="path"/> can be written: its folder exists and takes
    /// a new file, and it is absent or a regular file (or a link to one). Removes this project's temporary
    /// files that a killed earlier run left in that folder. Returns the full path a write will replace.
    /// </summary>
    public static string Check(string path)
    {
        string target = Resolve(path);
        string folder = Path.GetDirectoryName(target)!;
        RemoveStaleTemporaries(folder);
        string probe = TempPath(folder);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write '{path}': folder '{folder}' does not take new files ({Reason(e, probe, folder)})", e);
        }
        finally
        {
            TryDelete(probe);
        }
        return target;
    }

    // Folders this process has checked (stale temporaries removed, a new file taken): a write there checks its target only.
    private static readonly ConcurrentDictionary<string, bool> CheckedFolders = new(StringComparer.Ordinal);

    private static string CheckOnce(string path)
    {
        string target = Resolve(path);
        if (CheckedFolders.ContainsKey(Path.GetDirectoryName(target)!))
            return target;
        target = Check(path);
        CheckedFolders.TryAdd(Path.GetDirectoryName(target)!, true);
        return target;
    }

    /// <summary>Writes one file atomically; <paramref name="write"/> fills the temporary file's stream.</summary>
    public static void Write(string path, Action<Stream> write) => WriteAll([(path, write)]);

    /// <summary>Writes one file atomically from bytes already in memory.</summary>
    public static void Write(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    /// <summary>
    /// Writes several files all or nothing: every temporary file is written (and, with <paramref name="flushToDisk"/>,
    /// flushed to the disk) before the first rename, so a failure while writing (a full disk, a bad value) leaves every
    /// target as it was. The folder of each target is checked as <see cref="Check"/> does the first time this process
    /// writes there; after that only the target itself is (a folder of thousands of predictions is not listed per image).
    /// </summary>
    /// <param name="files">The targets, each with what fills its temporary file.</param>
    /// <param name="flushToDisk">
    /// Waits until the data is on the disk before renaming (fsync): what weights and training state need to survive a
    /// power cut. Outputs that a rerun makes again (predictions) pass false: the rename still shows a reader the whole
    /// file or the old one, and the thread does not wait on the disk once per file.
    /// </param>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files, bool flushToDisk = true)
    {
        ArgumentNullException.ThrowIfNull(files);
        var targets = files.Select(f => CheckOnce(f.Path)).ToList();
        var duplicate = targets.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new IOException($"'{duplicate.Key}' would be written twice");
        var temps = new List<string>(files.Count);
        try
        {
            for (int i = 0; i < files.Count; i++)
            {
                string temp = TempPath(Path.GetDirectoryName(targets[i])!);
                temps.Add(temp);
                try
                {
                    using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    files[i].Write(stream);
                    stream.Flush(flushToDisk);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new IOException($"could not write '{files[i].Path}': {Reason(e, temp, targets[i])}", e);
                }
            }
            for (int i = 0; i < files.Count; i++)
            {
                // The target may have changed since Check (another process): look again right before replacing it.
                Resolve(files[i].Path);
                try
                {
                    File.Move(temps[i], targets[i], overwrite: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new IOException($"could not write '{files[i].Path}': {Reason(e, temps[i], targets[i])}", e);
                }
            }
        }
        finally
        {
            foreach (string temp in temps)
                TryDelete(temp);
        }
    }

    /// <summary>
    /// The regular file a write to <paramref name="path"/> replaces: the path itself, or the final target of a
    /// symbolic link. Throws <see cref="IOException"/> naming the path when the folder is missing or the target
    /// exists and is not a regular file.
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        FileKind kind = FileKinds.OfLink(full);
        if (kind == FileKind.SymbolicLink)
        {
            FileSystemInfo? final = File.ResolveLinkTarget(full, returnFinalTarget: true);
            if (final is null)
                throw new IOException($"cannot write '{path}': cannot follow its symbolic link");
            full = Path.GetFullPath(final.FullName);
            kind = FileKinds.OfLink(full);
        }
        if (kind is not (FileKind.Missing or FileKind.Regular))
            throw new IOException($"cannot write '{path}': it is {FileKinds.Describe(kind)}, and only a regular file is replaced");
        string folder = Path.GetDirectoryName(full) ?? throw new IOException($"cannot write '{path}': it names no file");
        FileKind folderKind = FileKinds.OfTarget(folder);
        if (folderKind == FileKind.Missing)
            throw new IOException($"cannot write '{path}': folder '{folder}' does not exist");
        if (folderKind != FileKind.Directory)
            throw new IOException($"cannot write '{path}': '{folder}' is {FileKinds.Describe(folderKind)}, not a folder");
        return full;
    }

    /// <summary>Deletes <c>.segment-{pid}-*.tmp</c> files in <paramref name="folder"/> whose process no longer runs.</summary>
    public static void RemoveStaleTemporaries(string folder)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, TempPrefix + "*" + TempSuffix).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;   // an unreadable folder: the write itself reports the problem
        }
        foreach (string file in candidates)
        {
            string name = Path.GetFileName(file);
            string[] parts = name[TempPrefix.Length..^TempSuffix.Length].Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId && !ProcessRuns(pid) && FileKinds.OfLink(file) == FileKind.Regular)
                TryDelete(file);
        }
    }

    private static string TempPath(string folder) =>
        Path.Combine(folder, $"{TempPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}{TempSuffix}");

    private static bool ProcessRuns(int pid)
    {
        if (OperatingSystem.IsLinux())
            return Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // The system's reason, with the temporary file's name replaced by the user's.
    private static string Reason(Exception e, string temp, string target) =>
        e is UnauthorizedAccessException ? "permission denied" : e.Message.Replace(temp, target, StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
