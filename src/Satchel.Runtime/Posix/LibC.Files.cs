using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// The path operations the tree remover needs with their exact errno: .NET folds EPERM, EACCES
/// and EBUSY into a few exception types, and retrying only transient errors needs the number.
/// None of these follows a symlink in the last path component except chmod, which the remover
/// only calls on entries it has just seen as real directories.
/// </summary>
internal static partial class LibC
{
    [LibraryImport(Lib, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unlink(string path);

    [LibraryImport(Lib, EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rmdir(string path);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string source, string destination);

    [LibraryImport(Lib, EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chmod(string path, uint mode);

    /// <summary>Creates a directory exclusively (EEXIST if anything is there, a link included).</summary>
    [LibraryImport(Lib, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkdir(string path, uint mode);
}
