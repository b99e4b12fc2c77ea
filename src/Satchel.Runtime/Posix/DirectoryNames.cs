using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// The names in a directory, nothing else. On Linux this is opendir/readdir/closedir: .NET's own
/// enumeration stats every symlink it meets (to know whether it is a directory), which for
/// /usr/bin and the rest of a typical PATH was measured at about 20 ms, ten times the cost of the
/// names alone. Elsewhere (macOS has two dirent layouts) .NET's enumeration is used.
/// </summary>
internal static partial class DirectoryNames
{
    // struct dirent on 64-bit Linux, glibc and musl alike: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int LinuxNameOffset = 19;

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial IntPtr ReadDir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(IntPtr dir);

    /// <summary>The entries of <paramref name="directory"/> whose names start with <paramref name="prefix"/>; none if it cannot be read.</summary>
    public static List<string> StartingWith(string directory, string prefix)
    {
        var names = new List<string>();
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            try
            {
                foreach (var path in Directory.EnumerateFileSystemEntries(directory, prefix + "*"))
                {
                    names.Add(Path.GetFileName(path));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            return names;
        }

        var dir = OpenDir(directory);
        if (dir == IntPtr.Zero)
        {
            return names;
        }

        try
        {
            IntPtr entry;
            while ((entry = ReadDir(dir)) != IntPtr.Zero)
            {
                var name = Marshal.PtrToStringUTF8(entry + LinuxNameOffset);
                if (name is not null and not ("." or "..") && name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
        }
        finally
        {
            _ = CloseDir(dir);
        }

        return names;
    }
}
