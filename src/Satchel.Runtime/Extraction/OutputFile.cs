using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Satchel.Runtime.Files;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// One file being written by the extraction, created exclusively with its final mode. On Unix a
/// bare descriptor from open(2), written with pwrite(2) and closed with close(2): a .NET handle
/// would first probe it with lseek(2), and a FileStream would add two more, per file of a tree of
/// thousands. Elsewhere a <see cref="SafeFileHandle"/>. Failures are <see cref="IOException"/>s
/// carrying the errno (so a full disk is recognised as such).
/// </summary>
internal sealed class OutputFile : IDisposable
{
    private readonly string _path;
    private readonly SafeFileHandle? _handle;
    private int _fd;

    private OutputFile(string path, int fd, SafeFileHandle? handle)
    {
        _path = path;
        _fd = fd;
        _handle = handle;
    }

    public static OutputFile Create(string path, bool executable, long size)
    {
        if (OperatingSystem.IsWindows())
        {
            return new OutputFile(path, -1, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, size > 1 << 20 ? size : 0));
        }

        var mode = (int)(executable ? CacheModes.Executable : CacheModes.File);
        var fd = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, mode);
        if (fd < 0)
        {
            throw Failure("cannot create", path, Marshal.GetLastPInvokeError());
        }

        return new OutputFile(path, fd, null);
    }

    public void Write(ReadOnlySpan<byte> data, long offset)
    {
        if (_handle is not null)
        {
            RandomAccess.Write(_handle, data, offset);
            return;
        }

        while (data.Length > 0)
        {
            var written = LibC.PWrite(_fd, data, data.Length, offset);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                throw Failure("cannot write", _path, errno);
            }

            data = data[(int)written..];
            offset += written;
        }
    }

    /// <summary>Closes the file and reports a failed close (a file system may report a late write error there).</summary>
    public void Close()
    {
        if (_handle is not null)
        {
            _handle.Dispose();
            return;
        }

        var fd = _fd;
        _fd = -1;
        if (fd >= 0 && LibC.Close(fd) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
            {
                throw Failure("cannot write", _path, errno);
            }
        }
    }

    /// <summary>Releases the file after a failure elsewhere; errors are moot then.</summary>
    public void Dispose()
    {
        _handle?.Dispose();
        if (_fd >= 0)
        {
            LibC.Close(_fd);
            _fd = -1;
        }
    }

    private static IOException Failure(string what, string path, int errno) => new($"{what} {path}: {LibC.StrError(errno)}", errno);
}
