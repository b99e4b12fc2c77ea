using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Temp;

/// <summary>
/// Removes the run directories that runs killed before their clean-up left behind: a directory
/// is stale when its lock can be taken (every process of that run is gone). One listing of the
/// base directory and one lock attempt per candidate; only this user's real directories are
/// considered, never a link, and one in use is never touched. Leftover tombstones of removals
/// that failed earlier are retried. Removal here makes one pass (no waiting): a sweep must stay quick.
/// </summary>
public static class StaleTempSweeper
{
    private const uint TypeMask = 0xF000;
    private const uint DirectoryType = 0x4000;

    /// <summary>A directory younger than this (in ns) without its lock file may be a run between mkdir and lock.</summary>
    private const long UnbornNanoseconds = 60L * 1_000_000_000;

    /// <summary>Sweeps <paramref name="baseDir"/>, skipping <paramref name="own"/>; returns how many directories were removed.</summary>
    public static int Sweep(string baseDir, string own, Log log)
    {
        if (OperatingSystem.IsWindows())
        {
            return 0;
        }

        var removed = 0;
        var euid = LibC.GetEuid();
        var quick = RemovalOptions.Default with { Budget = TimeSpan.Zero };

        // "Now" as the file system sees it: the mtime of our own fresh lock file (no DateTime:
        // .NET's file times bring time-zone code into the launcher).
        _ = UnixFileStatus.TryReadStamp(Path.Combine(own, TempRunDirectory.LockFileName), out _, out var now, out _);
        List<string> candidates;
        try
        {
            // Listed at once: a lazy enumeration would throw from inside the loop.
            candidates = new List<string>(Directory.EnumerateDirectories(baseDir, TempRunDirectory.Prefix + "*"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Line($"cannot list {baseDir} to sweep stale temp directories: {IoErrors.Describe(e)}");
            return 0;
        }

        foreach (var candidate in candidates)
        {
            if (candidate == own || !IsOwnRealDirectory(candidate, euid))
            {
                continue;
            }

            var name = Path.GetFileName(candidate);
            var tombstone = name.Contains(Tombstone.Infix, StringComparison.Ordinal);
            if (tombstone || TempRunDirectory.IsRunName(name))
            {
                removed += TrySweep(candidate, tombstone, now, quick, log) ? 1 : 0;
            }
        }

        return removed;
    }

    /// <summary>
    /// A tombstone (the rest of a removal that failed) holds its lock file until that is deleted:
    /// while the lock is held, the removal that made it is still running.
    /// </summary>
    private static bool TrySweep(string dir, bool tombstone, long now, RemovalOptions quick, Log log)
    {
        var lockPath = Path.Combine(dir, TempRunDirectory.LockFileName);
        try
        {
            if (!File.Exists(lockPath))
            {
                if (!tombstone && (!UnixFileStatus.TryReadStamp(dir, out _, out var made, out _) || now - made < UnbornNanoseconds))
                {
                    return false;
                }

                log.Line($"sweeping {dir}: no lock file");
                return TreeRemover.TryRemove(dir, quick, out _, log);
            }

            using var held = FileLock.TryAcquire(lockPath, exclusive: true);
            if (held is null)
            {
                return false; // in use: its run, or a process of its app, is alive
            }

            log.Line($"sweeping {dir}: left by a run that ended without cleaning up");
            return TreeRemover.TryRemove(dir, quick, out _, log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SatchelException)
        {
            log.Line($"cannot sweep {dir}: {e.Message}");
            return false;
        }
    }

    private static bool IsOwnRealDirectory(string path, uint euid)
    {
        try
        {
            return UnixFileStatus.Read(path) is { } s && s.Uid == euid && (s.Mode & TypeMask) == DirectoryType;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
