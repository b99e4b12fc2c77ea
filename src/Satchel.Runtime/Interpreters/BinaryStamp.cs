using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Size and modification time (ns since 1970-01-01 UTC) of an interpreter binary: cached facts
/// and choices are trusted only while both are unchanged. One lstat(2); callers pass real paths,
/// which are not links.
/// </summary>
public readonly record struct BinaryStamp(long Size, long MtimeNanoseconds)
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint RegularType = 0x8000; // S_IFREG
    private const uint AnyExecute = 0b001_001_001;

    /// <summary>The stamp of a regular file that someone may execute; null if it is missing, not a file, or not executable by anyone.</summary>
    public static BinaryStamp? OfExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.Exists ? new BinaryStamp(info.Length, (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100) : null;
        }

        if (UnixFileStatus.TryReadStamp(path, out var size, out var mtime, out var mode))
        {
            return (mode & TypeMask) == RegularType && (mode & AnyExecute) != 0 ? new BinaryStamp(size, mtime) : null;
        }

        return UnixFileStatus.HasStampLayout ? null : SizeOnly(path);
    }

    /// <summary>
    /// Where struct stat's layout is unknown (neither Linux x86-64/arm64 nor macOS): the size alone.
    /// Not FileInfo's time, which (outside the Windows branch the compiler drops elsewhere) would
    /// bring time-zone and date-formatting code, about 70 KB, into every launcher.
    /// </summary>
    private static BinaryStamp? SizeOnly(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && (info.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
            ? new BinaryStamp(info.Length, 0)
            : null;
    }
}
