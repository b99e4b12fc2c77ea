using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// Opening and reading a file with open(2) and read(2) directly. File.OpenHandle and
/// File.ReadAllBytes run SafeFileHandle's static constructor, which builds AppContext's switch
/// store: tens of microseconds of every launcher start for features (FileShare emulation, file
/// locking) the launcher never uses. Errors are the exceptions .NET would throw, carrying errno
/// as HResult so <see cref="Errors.IoErrors.Describe"/> names it.
/// </summary>
internal static class PosixFile
{
    /// <summary>A read-only, close-on-exec descriptor for <paramref name="path"/>.</summary>
    public static int OpenForReading(string path)
    {
        var fd = LibC.Open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        return fd >= 0 ? fd : throw ErrorFor(path, Marshal.GetLastPInvokeError());
    }

    /// <summary>The whole content of a (small) file.</summary>
    public static byte[] ReadAll(string path)
    {
        var fd = OpenForReading(path);
        try
        {
            var buffer = new byte[4096];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = LibC.Read(fd, buffer.AsSpan(length), buffer.Length - length);
                if (read == 0)
                {
                    // Not buffer[..length]: slicing an array goes through Array.CreateInstance,
                    // which links NativeAOT's runtime type loader (+200 KB) into the launcher.
                    return buffer.AsSpan(0, length).ToArray();
                }

                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != LibC.EINTR)
                    {
                        throw ErrorFor(path, errno);
                    }

                    continue;
                }

                length += (int)read;
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    private static Exception ErrorFor(string path, int errno) => errno switch
    {
        LibC.ENOENT or LibC.ENOTDIR => new FileNotFoundException($"cannot open {path}: {LibC.StrError(errno)}", path),
        LibC.EACCES or LibC.EPERM => new UnauthorizedAccessException($"cannot open {path}: {LibC.StrError(errno)}"),
        _ => new IOException($"cannot read {path}: {LibC.StrError(errno)}", errno),
    };
}
