using System.Runtime.InteropServices;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Removal;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Temp;

/// <summary>
/// The private directory of one temp-mode run: `satchel-&lt;16 random hex&gt;` created exclusively
/// with mode 0700, and locked (flock on `.satchel-run.lock` inside) for as long as the run — or
/// any process of the app that inherited the lock's descriptor — is alive. The descriptor is
/// deliberately not close-on-exec: the app and the processes it starts without closing
/// descriptors keep the lock, so a sweep never removes a directory something still runs from.
/// </summary>
public sealed class TempRunDirectory : IDisposable
{
    public const string Prefix = "satchel-";
    public const string LockFileName = ".satchel-run.lock";
    private const int NameHexLength = 16;
    private const uint PrivateDirectory = 0b111_000_000;
    private const int EEXIST = 17;

    private int _lockFd;

    private TempRunDirectory(string path, int lockFd)
    {
        Path = path;
        _lockFd = lockFd;
    }

    public string Path { get; }

    public string LockPath => System.IO.Path.Combine(Path, LockFileName);

    /// <summary>Whether <paramref name="name"/> is a run directory's name (not a tombstone or anything else).</summary>
    public static bool IsRunName(string name)
    {
        if (name.Length != Prefix.Length + NameHexLength || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Creates a new run directory under <paramref name="baseDir"/> and takes its lock.</summary>
    public static TempRunDirectory Create(string baseDir, Log log)
    {
        if (OperatingSystem.IsWindows())
        {
            var windowsPath = System.IO.Path.Combine(baseDir, Prefix + RandomHex());
            Directory.CreateDirectory(windowsPath);
            return new TempRunDirectory(windowsPath, -1);
        }

        for (var attempt = 0; ; attempt++)
        {
            var path = System.IO.Path.Combine(baseDir, Prefix + RandomHex());
            if (LibC.Mkdir(path, PrivateDirectory) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EEXIST && attempt < 10)
                {
                    continue;
                }

                throw new SatchelException(ExitCodes.CantCreate,
                    $"cannot create a temporary directory in {baseDir}: {LibC.StrError(errno)}; set {SatchelVariables.Temp} to a writable directory");
            }

            var lockPath = System.IO.Path.Combine(path, LockFileName);
            var fd = LibC.Open(lockPath, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW, 0b110_000_000);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new SatchelException(ExitCodes.CantCreate, $"cannot create {lockPath}: {LibC.StrError(errno)}; set {SatchelVariables.Temp} to a writable directory");
            }

            if (LibC.Flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) == 0)
            {
                log.Line($"temp directory {path}");
                return new TempRunDirectory(path, fd);
            }

            // A sweep took the lock of our fresh, still unlocked directory and will remove it: use another name.
            LibC.Close(fd);
            if (attempt >= 10)
            {
                throw new SatchelException(ExitCodes.TempFail, $"cannot lock a temporary directory in {baseDir}; try again");
            }
        }
    }

    /// <summary>
    /// Lets go of this process's hold and removes the directory, unless a process of the app still
    /// holds the lock (a daemon it left behind): that directory is left for the sweep of a later
    /// run. Processes that are only ending (the children of an app that was just killed) get up to
    /// <see cref="StragglerWait"/> to let go. Returns what could not be removed, or null.
    /// </summary>
    public RemovalFailedException? Remove(Log log)
    {
        CloseLock();
        if (!OperatingSystem.IsWindows())
        {
            using var probe = WaitForLock();
            if (probe is null)
            {
                log.Line($"{Path} is still in use by a process of the app: left for a later run to sweep");
                return null;
            }

            return TreeRemover.TryRemove(Path, out var failure, log) ? null : failure;
        }

        return TreeRemover.TryRemove(Path, out var windowsFailure, log) ? null : windowsFailure;
    }

    /// <summary>How long the clean-up waits for the app's remaining processes to release the lock.</summary>
    public static readonly TimeSpan StragglerWait = TimeSpan.FromSeconds(1);

    private FileLock? WaitForLock()
    {
        try
        {
            return FileLock.Acquire(LockPath, exclusive: true, StragglerWait);
        }
        catch (LockTimeoutException)
        {
            return null;
        }
    }

    private void CloseLock()
    {
        if (_lockFd >= 0)
        {
            LibC.Close(_lockFd);
            _lockFd = -1;
        }
    }

    public void Dispose() => CloseLock();

    private static string RandomHex() => Guid.NewGuid().ToString("N")[..NameHexLength];
}
