namespace Satchel.WarmStart.Native;

/// <summary>
/// What the stub reads of struct stat: type and permission bits, owner, size, mtime. The offsets
/// are those of Linux x86-64 and arm64 (the same as Satchel.Runtime's UnixFileStatus).
/// </summary>
internal unsafe struct FileStatus
{
    public const uint TypeMask = 0xF000;
    public const uint Directory = 0x4000;
    public const uint Regular = 0x8000;
    public const uint Symlink = 0xA000;

    public uint Mode;
    public uint Uid;
    public long Size;
    public long MtimeNanoseconds;

    public readonly uint Type => Mode & TypeMask;

    /// <summary>lstat(2): false when the path cannot be read (missing, no permission).</summary>
    public static bool TryLStat(byte* path, out FileStatus status) => TryRead(path, follow: false, out status);

    /// <summary>stat(2), links followed.</summary>
    public static bool TryStat(byte* path, out FileStatus status) => TryRead(path, follow: true, out status);

    private static bool TryRead(byte* path, bool follow, out FileStatus status)
    {
        status = default;
        var buffer = (byte*)LibC.malloc(256);
        if ((follow ? LibC.stat(path, buffer) : LibC.lstat(path, buffer)) != 0)
        {
            return false;
        }

#if ARM64
        status.Mode = *(uint*)(buffer + 16);
        status.Uid = *(uint*)(buffer + 24);
#else
        status.Mode = *(uint*)(buffer + 24);
        status.Uid = *(uint*)(buffer + 28);
#endif
        status.Size = *(long*)(buffer + 48);
        status.MtimeNanoseconds = (*(long*)(buffer + 88) * 1_000_000_000) + *(long*)(buffer + 96);
        return true;
    }
}
