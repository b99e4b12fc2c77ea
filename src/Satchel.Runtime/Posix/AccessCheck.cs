using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>access(2): whether this process may execute or write a file, with its real uid and groups (a read-only file system denies writing even to root).</summary>
internal static partial class AccessCheck
{
    private const int X_OK = 1;
    private const int W_OK = 2;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    public static bool CanExecute(string path) => Access(path, X_OK) == 0;

    public static bool CanWrite(string path) => OperatingSystem.IsWindows() ? !new FileInfo(path).IsReadOnly : Access(path, W_OK) == 0;
}
