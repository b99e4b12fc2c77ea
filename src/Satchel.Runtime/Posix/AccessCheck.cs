using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>access(2): whether this process may execute a file, with its real uid and groups, as exec would judge it.</summary>
internal static partial class AccessCheck
{
    private const int X_OK = 1;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    public static bool CanExecute(string path) => Access(path, X_OK) == 0;
}
