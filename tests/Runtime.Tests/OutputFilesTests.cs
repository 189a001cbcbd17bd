using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Segment.IO;
using Segment.TestSupport;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>
/// Outputs are written through a temporary file and a rename, which replaces whatever the target is: so a target
/// that is not a regular file is refused, a link is written through, names stay valid, and failures leave nothing.
/// </summary>
public sealed class OutputFilesTests
{
    private readonly string _dir = RepoPaths.NewTempDirectory("outputs");

    private string P(string name) => Path.Combine(_dir, name);

    private static void Bytes(Stream s, string text) => s.Write(System.Text.Encoding.ASCII.GetBytes(text));

    [Fact]
    public void A_device_is_refused_before_anything_is_written()
    {
        var e = Assert.Throws<IOException>(() => OutputFiles.Check("/dev/null"));
        Assert.Equal("cannot write '/dev/null': it is a character device, and only a regular file is replaced", e.Message);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.OfLink("/dev/null"));
    }

    [Fact]
    public void A_fifo_is_refused_and_stays_a_fifo()
    {
        string fifo = P("pipe");
        using (var mk = Process.Start("mkfifo", fifo)) mk.WaitForExit();
        var e = Assert.Throws<IOException>(() => OutputFiles.Write(fifo, s => Bytes(s, "x")));
        Assert.Equal($"cannot write '{fifo}': it is a FIFO (named pipe), and only a regular file is replaced", e.Message);
        Assert.Equal(FileKind.Fifo, FileKinds.OfLink(fifo));
        Assert.Empty(Directory.GetFiles(_dir, OutputFiles.TempPrefix + "*"));
    }

    [Fact]
    public void A_folder_and_a_missing_folder_are_named_in_the_error()
    {
        Assert.Equal($"cannot write '{_dir}': it is a folder, and only a regular file is replaced",
            Assert.Throws<IOException>(() => OutputFiles.Check(_dir)).Message);
        string inMissing = P("nope/y.npy");
        Assert.Equal($"cannot write '{inMissing}': folder '{P("nope")}' does not exist",
            Assert.Throws<IOException>(() => OutputFiles.Check(inMissing)).Message);
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        string target = P("real.bin");
        File.WriteAllText(target, "old");
        string link = P("link.bin");
        File.CreateSymbolicLink(link, target);
        OutputFiles.Write(link, s => Bytes(s, "new"));
        Assert.Equal(FileKind.SymbolicLink, FileKinds.OfLink(link));
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void A_250_character_file_name_is_written()
    {
        // The temporary name is short and fixed, not the target's name plus a suffix past the 255-byte limit.
        string name = new string('a', 246) + ".npy";
        OutputFiles.Write(P(name), s => Bytes(s, "ok"));
        Assert.Equal("ok", File.ReadAllText(P(name)));
    }

    [Fact]
    public void Writing_several_files_is_all_or_nothing()
    {
        File.WriteAllText(P("a.npy"), "old a");
        var e = Assert.Throws<IOException>(() => OutputFiles.WriteAll(
        [
            (P("a.npy"), s => Bytes(s, "new a")),
            (P("b.npy"), _ => throw new IOException("disk full")),
        ]));
        Assert.Equal($"could not write '{P("b.npy")}': disk full", e.Message);
        Assert.Equal("old a", File.ReadAllText(P("a.npy")));
        Assert.False(File.Exists(P("b.npy")));
        Assert.Empty(Directory.GetFiles(_dir, OutputFiles.TempPrefix + "*"));
    }

    [Fact]
    public void Temporary_files_of_a_killed_run_are_removed_and_live_ones_kept()
    {
        string dead = P($"{OutputFiles.TempPrefix}{int.MaxValue - 7}-0123456789ab.tmp");   // no such process
        string mine = P($"{OutputFiles.TempPrefix}{Environment.ProcessId}-0123456789ab.tmp");
        string users = P(".segment-notes.tmp");   // not our pattern: never touched
        foreach (string f in new[] { dead, mine, users })
            File.WriteAllText(f, "x");
        OutputFiles.Check(P("y.npy"));
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(users));
    }

    [NotRootFact]
    public void A_read_only_folder_is_reported_before_any_computation()
    {
        if (!OperatingSystem.IsLinux()) return;   // the attribute skips elsewhere; this tells the platform analyzer
        string ro = P("ro");
        Directory.CreateDirectory(ro);
        File.SetUnixFileMode(ro, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var e = Assert.Throws<IOException>(() => OutputFiles.Check(Path.Combine(ro, "y.npy")));
            Assert.StartsWith($"cannot write '{Path.Combine(ro, "y.npy")}': folder '{ro}' does not take new files", e.Message);
        }
        finally
        {
            File.SetUnixFileMode(ro, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Inputs_must_be_regular_files()
    {
        string fifo = P("in-pipe");
        using (var mk = Process.Start("mkfifo", fifo)) mk.WaitForExit();
        Assert.Equal($"weights '{fifo}' is a FIFO (named pipe), not a regular file",
            Assert.Throws<IOException>(() => InputFiles.RequireRegular(fifo, "weights")).Message);
        File.WriteAllText(P("w.pth"), "1234");
        Assert.Equal(4, InputFiles.RequireRegular(P("w.pth"), "weights"));
        Assert.Empty(Directory.GetFiles(_dir, OutputFiles.TempPrefix + "*"));
    }
}
