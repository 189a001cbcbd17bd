using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Segment.IO;

/// <summary>What a path names, as <c>lstat(2)</c> / <c>stat(2)</c> tell it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// The kind of file at a path. .NET reports a device, a FIFO and a regular file alike
/// (<see cref="FileAttributes.Normal"/>, length 0), yet reading /dev/zero never ends, opening a FIFO
/// blocks forever and renaming over /dev/null replaces the device: the command line must tell them apart.
/// On Linux (x64, arm64) this asks libc; elsewhere it falls back to what .NET can see (links, folders).
/// </summary>
public static class FileKinds
{
    /// <summary>The kind of <paramref name="path"/> itself (a symbolic link is <see cref="FileKind.SymbolicLink"/>).</summary>
    public static FileKind OfLink(string path) => Of(path, followLinks: false);

    /// <summary>The kind of what <paramref name="path"/> finally names, through any symbolic links.</summary>
    public static FileKind OfTarget(string path) => Of(path, followLinks: true);

    /// <summary>"a FIFO", "a character device", ... for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static FileKind Of(string path, bool followLinks)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (LinuxStat.TryMode(path, followLinks, out uint mode, out bool missing))
            return missing ? FileKind.Missing : FromMode(mode);
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
            return FileKind.SymbolicLink;
        if (Directory.Exists(path))
            return FileKind.Directory;
        return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    // S_IFMT bits of st_mode (the same on every Linux architecture).
    private static FileKind FromMode(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    /// <summary>libc's stat/lstat; only st_mode is read, at its offset in the kernel's struct stat for the architecture.</summary>
    private static class LinuxStat
    {
        private const int ENOENT = 2;
        private const int ENOTDIR = 20;

        // x86-64: st_dev, st_ino, st_nlink (8 bytes each), then st_mode. arm64 (the generic layout):
        // st_dev, st_ino (8 each), then st_mode. The buffer is larger than either struct (144 / 128 bytes).
        private static readonly int ModeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };

        public static unsafe bool TryMode(string path, bool followLinks, out uint mode, out bool missing)
        {
            mode = 0;
            missing = false;
            if (!OperatingSystem.IsLinux() || ModeOffset < 0)
                return false;
            byte* buffer = stackalloc byte[256];
            int rc;
            try
            {
                rc = followLinks ? stat(path, buffer) : lstat(path, buffer);
            }
            catch (EntryPointNotFoundException)
            {
                return false;   // glibc before 2.33 exports only __xstat; fall back to .NET's view
            }
            if (rc != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is ENOENT or ENOTDIR)
                {
                    missing = true;
                    return true;
                }
                throw new IOException($"cannot inspect '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
            }
            mode = *(uint*)(buffer + ModeOffset);
            return true;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf);

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe int lstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf);
    }
}
