using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Files;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Cache;

/// <summary>
/// An exclusive or shared advisory lock on a lock file: flock(2) on Unix (whole-file, per open
/// file description, released by the kernel when the holder dies, so a crash never leaves a
/// stale lock), an unshared open on Windows. Waits poll with backoff up to a timeout, after
/// which the error names the lock and the pid its holder wrote into it.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly bool _inheritable;
    private readonly bool _existingOnly;
    private int _fd = -1;
    private FileStream? _windowsStream;

    private FileLock(string path, bool inheritable = false, bool existingOnly = false)
    {
        Path = path;
        _inheritable = inheritable;
        _existingOnly = existingOnly;
    }

    public string Path { get; }

    /// <summary>The default wait: SATCHEL_LOCK_TIMEOUT seconds, else 10 minutes (a large first extraction on a slow disk).</summary>
    public static TimeSpan DefaultTimeout => Settings.Seconds(SatchelVariables.LockTimeout, TimeSpan.FromMinutes(10));

    /// <param name="inheritable">
    /// Open the lock file without O_CLOEXEC, so the lock survives execv into the app (the in-use
    /// lock a running app holds, see docs/cache-layout.md) and is released only when the app exits.
    /// </param>
    /// <param name="existingOnly">
    /// Open an existing lock file read-only and never create one: the shared in-use lock in a
    /// cache that is read-only for us (flock takes a shared lock through a read-only descriptor).
    /// </param>
    public static FileLock Acquire(string path, bool exclusive, TimeSpan timeout, Log? log = null, bool inheritable = false, bool existingOnly = false)
    {
        var fileLock = new FileLock(path, inheritable, existingOnly);
        try
        {
            fileLock.Wait(exclusive, timeout, log);
            return fileLock;
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>Takes the lock only if it is free now; null if someone holds it.</summary>
    public static FileLock? TryAcquire(string path, bool exclusive)
    {
        var fileLock = new FileLock(path);
        try
        {
            if (fileLock.TryOnce(exclusive))
            {
                return fileLock;
            }
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }

        fileLock.Dispose();
        return null;
    }

    private void Wait(bool exclusive, TimeSpan timeout, Log? log)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(2);
        var announced = false;
        while (!TryOnce(exclusive))
        {
            if (clock.Elapsed >= timeout)
            {
                throw new LockTimeoutException(Path, clock.Elapsed, ReadHolderPid());
            }

            if (!announced && clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                log?.Line($"waiting for lock {Path} (held by pid {ReadHolderPid()?.ToString() ?? "?"})");
                announced = true;
            }

            Thread.Sleep(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerMillisecond * 100));
        }

        if (exclusive)
        {
            WriteHolderPid();
        }
    }

    private bool TryOnce(bool exclusive)
    {
        if (OperatingSystem.IsWindows())
        {
            return TryOnceWindows(exclusive);
        }

        if (_fd < 0)
        {
            var access = _existingOnly ? LibC.O_RDONLY : LibC.O_RDWR | LibC.O_CREAT;
            _fd = LibC.Open(Path, access | (_inheritable ? 0 : LibC.O_CLOEXEC) | LibC.O_NOFOLLOW, (int)CacheModes.File);
            if (_fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new SatchelException(ExitCodes.CantCreate,
                    $"cannot open lock file {Path}: {LibC.StrError(errno)}; check that the cache directory is writable or set SATCHEL_ROOT");
            }
        }

        while (true)
        {
            if (LibC.Flock(_fd, (exclusive ? LibC.LOCK_EX : LibC.LOCK_SH) | LibC.LOCK_NB) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
            {
                continue;
            }

            if (errno == LibC.EWOULDBLOCK || (OperatingSystem.IsMacOS() && errno == 35))
            {
                return false;
            }

            throw new SatchelException(ExitCodes.IoError, $"cannot lock {Path}: {LibC.StrError(errno)}");
        }
    }

    private bool TryOnceWindows(bool exclusive)
    {
        try
        {
            _windowsStream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                exclusive ? FileShare.None : FileShare.ReadWrite, 1, FileOptions.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The holder writes its pid so a waiter that times out can say whom it waited for.</summary>
    private void WriteHolderPid()
    {
        var text = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString().PadRight(12) + "\n");
        try
        {
            if (_windowsStream is not null)
            {
                _windowsStream.Position = 0;
                _windowsStream.Write(text);
                _windowsStream.Flush();
            }
            else
            {
                using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(_fd, ownsHandle: false);
                RandomAccess.Write(handle, text, 0);
            }
        }
        catch (IOException)
        {
            // The pid is only a courtesy for error messages.
        }
    }

    /// <summary>
    /// Read with plain open/read: .NET's own file open takes a shared flock on Unix, which would
    /// fail against the exclusive lock whose holder we want to name.
    /// </summary>
    private int? ReadHolderPid()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var fd = LibC.Open(Path, LibC.O_RDONLY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            var buffer = new byte[16];
            var read = LibC.Read(fd, buffer, buffer.Length);
            return read > 0 && int.TryParse(Encoding.ASCII.GetString(buffer, 0, (int)read).Trim(), out var pid) && pid > 0 ? pid : null;
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            LibC.Close(_fd);
            _fd = -1;
        }

        _windowsStream?.Dispose();
        _windowsStream = null;
    }
}
