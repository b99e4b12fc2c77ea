using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// Replays an app's start record (docs/cache-layout.md, "The start record"): the checks, locks
/// and environment changes of the full launcher's last start of this app in this cache, written
/// by it as a list of operations, each a letter and its arguments, NUL-terminated strings.
/// Every check must pass as it did then; the first that does not ends the replay with false and
/// the full launcher starts instead (having let go of every lock taken here). On success the
/// entry is exec'd and this never returns.
/// </summary>
internal static unsafe class StartRecord
{
    private const string Magic = "satchel-start 1";
    private const int MaxSize = 60 * 1024;
    private const int MaxLocks = 256;
    private const int MaxArguments = 256;

    private static int* _locks;
    private static int _lockCount;
    private static bool _locksDisabled;

    public static void Replay(byte* root, byte* appId, byte* userPath, int argc, byte** argv)
    {
        var file = CString.Concat(root, CString.From("/v1/apps/"), CString.Concat(appId, CString.From(".start")));
        var fd = LibC.open(file, LibC.O_RDONLY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0);
        if (fd < 0)
        {
            return;
        }

        var buffer = (byte*)LibC.malloc(MaxSize + 1);
        var size = LibC.read(fd, buffer, MaxSize + 1);
        LibC.close(fd);
        if (size <= 0 || size > MaxSize || buffer[size - 1] != 0)
        {
            return;
        }

        _locks = (int*)LibC.malloc(MaxLocks * sizeof(int));
        _lockCount = 0;

        // SATCHEL_IN_USE_LOCKS=0 (a file system without working flock): markers checked, nothing locked, as the full launcher does.
        var setting = ProcessEnvironment.Get("SATCHEL_IN_USE_LOCKS");
        _locksDisabled = setting != null && CString.Equal(setting, CString.From("0"));
        if (!Run(buffer, buffer + size, root, userPath, argc, argv))
        {
            ReleaseLocks();
        }
    }

    private static bool Run(byte* at, byte* end, byte* root, byte* userPath, int argc, byte** argv)
    {
        if (!CString.Equal(at, CString.From(Magic)))
        {
            return false;
        }

        at += CString.Length(at) + 1;
        var bootTime = BootTime();
        byte* program = null;
        var args = (byte**)LibC.malloc((argc + MaxArguments + 1) * sizeof(byte*));
        var argCount = 0;
        while (at < end)
        {
            var op = at[0];
            var count = ArgumentCount(op);
            if (count < 0 || at + 1 >= end || at[1] != 0)
            {
                return false;
            }

            // Every argument must start inside the record (which ends with a NUL, so each one ends inside it too).
            var cursor = at + 2;
            byte* a = null;
            byte* b = null;
            byte* c = null;
            if ((count >= 1 && (a = Argument(ref cursor, end)) == null) || (count >= 2 && (b = Argument(ref cursor, end)) == null)
                || (count >= 3 && (c = Argument(ref cursor, end)) == null))
            {
                return false;
            }

            at = cursor;
            switch (op)
            {
                case (byte)'R': // the cache root the record was made in
                    if (!CString.Equal(a, root))
                    {
                        return false;
                    }

                    break;
                case (byte)'E': // a variable the start depended on, and its value then
                    var value = ProcessEnvironment.Get(a);
                    if (value == null || !CString.Equal(value, b))
                    {
                        return false;
                    }

                    break;
                case (byte)'e': // a variable that was not set
                    if (ProcessEnvironment.Get(a) != null)
                    {
                        return false;
                    }

                    break;
                case (byte)'L': // a unit or venv directory: in-use lock, then complete since this boot
                    if (!Hold(a, bootTime))
                    {
                        return false;
                    }

                    break;
                case (byte)'F': // a file that must be a regular file
                    if (!FileStatus.TryLStat(a, out var file) || file.Type != FileStatus.Regular)
                    {
                        return false;
                    }

                    break;
                case (byte)'X': // the interpreter binary: regular, executable, size and mtime unchanged
                    if (!FileStatus.TryLStat(a, out var binary) || binary.Type != FileStatus.Regular || (binary.Mode & 0b001_001_001) == 0
                        || !CString.TryParseLong(b, out var binarySize) || binarySize != binary.Size
                        || !CString.TryParseLong(c, out var binaryMtime) || binaryMtime != binary.MtimeNanoseconds)
                    {
                        return false;
                    }

                    break;
                case (byte)'T': // the use record: touched; a missing one is written by the full launcher (in our own cache: root's is read-only for us)
                    if (LibC.utimensat(LibC.AtFdCwd, a, null, 0) != 0 && LibC.Errno == LibC.Enoent && CacheRootLocator.IsOwn)
                    {
                        return false;
                    }

                    break;
                case (byte)'U':
                    ProcessEnvironment.Unset(a);
                    break;
                case (byte)'S':
                    ProcessEnvironment.Set(a, b);
                    break;
                case (byte)'A': // a variable set to the path the user ran
                    ProcessEnvironment.Set(a, userPath);
                    break;
                case (byte)'P': // a directory put first on PATH
                    var path = ProcessEnvironment.Get("PATH");
                    ProcessEnvironment.Set(CString.From("PATH"), path == null || path[0] == 0 ? a : CString.Concat(a, CString.From(":"), path));
                    break;
                case (byte)'x':
                    program = a;
                    break;
                default: // 'G': an argument before the user's
                    if (argCount >= MaxArguments)
                    {
                        return false;
                    }

                    args[argCount++] = a;
                    break;
            }
        }

        if (program == null || argCount == 0 || at != end)
        {
            return false;
        }

        for (var i = 1; i < argc; i++)
        {
            args[argCount++] = argv[i];
        }

        args[argCount] = null;

        // The .NET launcher gives SIGPIPE its default back before the exec; so does this.
        LibC.signal(LibC.SigPipe, 0);
        LibC.execve(program, args, ProcessEnvironment.Block);
        return false;
    }

    /// <summary>How many strings follow each operation's letter; -1 for a letter this stub does not know.</summary>
    private static int ArgumentCount(byte op) => op switch
    {
        (byte)'R' or (byte)'e' or (byte)'L' or (byte)'F' or (byte)'T' or (byte)'U' or (byte)'A' or (byte)'P' or (byte)'x' or (byte)'G' => 1,
        (byte)'E' or (byte)'S' => 2,
        (byte)'X' => 3,
        _ => -1,
    };

    /// <summary>The string at the cursor, which then moves past its NUL; null when the record has ended.</summary>
    private static byte* Argument(ref byte* cursor, byte* end)
    {
        if (cursor >= end)
        {
            return null;
        }

        var value = cursor;
        cursor += CString.Length(cursor) + 1;
        return value;
    }

    /// <summary>Takes the directory's in-use lock (shared, without waiting) and checks its marker.</summary>
    private static bool Hold(byte* directory, long bootTime)
    {
        if (_locksDisabled)
        {
            return IsComplete(directory, bootTime);
        }

        if (_lockCount >= MaxLocks)
        {
            return false;
        }

        // Without O_CLOEXEC: the lock stays held by the app after execve, as the full launcher's do.
        var fd = LibC.open(CString.Concat(directory, CString.From(".lock")), LibC.O_RDONLY | LibC.O_NOFOLLOW, 0);
        if (fd < 0)
        {
            // In root's cache a lock file we cannot open is skipped, as the full launcher does (InUseLocks);
            // in our own, the full launcher creates it.
            return !CacheRootLocator.IsOwn && IsComplete(directory, bootTime);
        }

        _locks[_lockCount++] = fd;
        if (LibC.flock(fd, LibC.LockShared | LibC.LockNonBlocking) != 0)
        {
            return false;
        }

        return IsComplete(directory, bootTime);
    }

    /// <summary>
    /// A directory (not a link) whose marker is a regular file written since this boot
    /// (AtomicDirectory.CompletionAt), or, on a read-only mount (a container image's layer), at any
    /// time: the full launcher's reboot check skips those (RebootCheck), as nothing there can be
    /// marked as checked. The mount is asked only for a marker older than the boot.
    /// </summary>
    private static bool IsComplete(byte* directory, long bootTime)
    {
        return FileStatus.TryLStat(directory, out var dir) && dir.Type == FileStatus.Directory
            && FileStatus.TryLStat(CString.Concat(directory, CString.From("/.satchel-complete")), out var marker)
            && marker.Type == FileStatus.Regular && (marker.MtimeNanoseconds >= bootTime || OnReadOnlyMount(directory));
    }

    private static bool OnReadOnlyMount(byte* path)
    {
        // struct statvfs on 64-bit Linux (x86_64 and aarch64): 112 bytes, f_flag at 72; ST_RDONLY = 1.
        var buffer = (byte*)LibC.malloc(112);
        return LibC.statvfs(path, buffer) == 0 && (*(ulong*)(buffer + 72) & 1) != 0;
    }

    private static void ReleaseLocks()
    {
        for (var i = 0; i < _lockCount; i++)
        {
            LibC.close(_locks[i]);
        }

        _lockCount = 0;
    }

    /// <summary>When this boot began, as Satchel.Runtime's BootClock computes it (two vDSO calls).</summary>
    private static long BootTime()
    {
        var now = (long*)LibC.malloc(16);
        var sinceBoot = (long*)LibC.malloc(16);
        if (LibC.clock_gettime(LibC.ClockRealtime, now) != 0 || LibC.clock_gettime(LibC.ClockBoottime, sinceBoot) != 0)
        {
            return -0x7FFFFFFFFFFFFFFF - 1;
        }

        return ((now[0] - sinceBoot[0]) * 1_000_000_000) + (now[1] - sinceBoot[1]);
    }
}
