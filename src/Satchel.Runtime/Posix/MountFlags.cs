using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>statvfs(3) flags of the file system holding a path: whether programs may run from it, whether it can be written at all.</summary>
internal static partial class MountFlags
{
    private const ulong ST_RDONLY = 1;
    private const ulong ST_NOEXEC = 8;
    private const int FlagOffset = 72; // f_flag in struct statvfs on 64-bit Linux (glibc and musl, x86_64 and aarch64)

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfs(string path, byte[] buffer);

    /// <summary>True when <paramref name="path"/> is on a file system mounted noexec; false where unknown (not Linux, or statvfs failed).</summary>
    public static bool IsNoExec(string path) => Has(path, ST_NOEXEC);

    /// <summary>True when <paramref name="path"/> is on a read-only mount (the mount point's own `ro` too); false where unknown.</summary>
    public static bool IsReadOnly(string path) => Has(path, ST_RDONLY);

    private static bool Has(string path, ulong flag)
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return false;
        }

        var buffer = new byte[256];
        return StatVfs(path, buffer) == 0 && (BitConverter.ToUInt64(buffer, FlagOffset) & flag) != 0;
    }
}
