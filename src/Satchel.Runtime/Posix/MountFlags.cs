using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>statvfs(3) flags of the file system holding a path: whether programs may run from it.</summary>
internal static partial class MountFlags
{
    private const ulong ST_NOEXEC = 8;
    private const int FlagOffset = 72; // f_flag in struct statvfs on 64-bit Linux (glibc and musl)

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfs(string path, byte[] buffer);

    /// <summary>True when <paramref name="path"/> is on a file system mounted noexec; false where unknown (not Linux, or statvfs failed).</summary>
    public static bool IsNoExec(string path)
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return false;
        }

        var buffer = new byte[256];
        return StatVfs(path, buffer) == 0 && (BitConverter.ToUInt64(buffer, FlagOffset) & ST_NOEXEC) != 0;
    }
}
