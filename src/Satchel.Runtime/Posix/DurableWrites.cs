using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// The flushes that make a finished write survive a power cut, not only a crash of the process:
/// fsync(2) of a directory makes a rename or a new entry in it durable; syncfs(2) writes back
/// everything dirty on one file system (cheaper than an fsync per file when a unit has thousands).
/// Unix only; elsewhere they do nothing.
/// </summary>
public static partial class DurableWrites
{
    private const int EINVAL = 22;

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    /// <summary>O_DIRECTORY: Linux x86-64 0x10000, Linux arm64 0x4000, macOS 0x100000.</summary>
    private static int DirectoryFlag => OperatingSystem.IsMacOS() ? 0x100000 : (RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000);

    /// <summary>fsync(2) of <paramref name="directory"/> itself: the entries renamed into it are on disk afterwards.</summary>
    public static void FlushDirectory(string directory) => OnOpenDirectory(directory, "fsync", FSync);

    /// <summary>syncfs(2) of the file system holding <paramref name="directory"/> (Linux; fsync of the directory elsewhere).</summary>
    public static void SyncFileSystem(string directory) => OnOpenDirectory(directory, "syncfs", OperatingSystem.IsLinux() ? SyncFs : FSync);

    private static void OnOpenDirectory(string directory, string what, Func<int, int> call)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = LibC.Open(directory, LibC.O_RDONLY | LibC.O_CLOEXEC | DirectoryFlag, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open {directory} to flush it: {LibC.StrError(errno)}", errno);
        }

        try
        {
            if (call(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINVAL)
                {
                    return; // a file system that cannot flush a directory (some FUSE and network ones): nothing more to do there
                }

                throw new IOException($"{what} of {directory} failed: {LibC.StrError(errno)}", errno);
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }
}
