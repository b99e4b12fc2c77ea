namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Size and modification time of an interpreter binary: cached facts and choices are trusted only
/// while both are unchanged. One lstat(2) for a path that is not a link (callers pass real paths).
/// </summary>
public readonly record struct BinaryStamp(long Size, long MtimeTicks)
{
    /// <summary>The stamp of a regular file that someone may execute, or null if it is missing, not a file, or not executable by anyone.</summary>
    public static BinaryStamp? OfExecutable(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (!OperatingSystem.IsWindows()
            && (info.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            return null;
        }

        // Ticks since the Unix epoch in 100 ns units: the resolution .NET reports on every OS.
        return new BinaryStamp(info.Length, info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks);
    }
}
