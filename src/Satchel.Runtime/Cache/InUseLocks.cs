using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Cache;

/// <summary>
/// The shared locks a running app holds on the lock files of the cache directories it uses (its
/// units and its venv), so `satchel cache prune|purge`, which takes each one exclusively and skips
/// what it cannot take, never removes a directory in use. The locks are opened without O_CLOEXEC:
/// they survive execv into the app and are released by the kernel when it exits. Each directory is
/// locked first and checked second: a prune that removed it in between is then seen, and the
/// caller extracts it again (after letting go of the lock, which extraction takes exclusively).
/// </summary>
/// <param name="existingOnly">
/// The cache is read-only for us (<see cref="CacheLayout.ReadOnly"/>): lock files are opened only
/// if they exist and are readable, never created; a directory without one is used unprotected.
/// </param>
public sealed class InUseLocks(Log log, bool existingOnly = false) : IDisposable
{
    /// <summary>
    /// `SATCHEL_IN_USE_LOCKS=0` runs without them: for a cache on a file system where flock is
    /// slow or unsupported, at the price of prune/purge no longer seeing the app (also the bench's
    /// way to measure what the locks cost).
    /// </summary>
    private readonly List<FileLock> _held = [];
    private readonly bool _disabled = Environment.GetEnvironmentVariable(SatchelVariables.InUseLocks) == "0";

    /// <summary>The boot time markers are compared with, read once per run (two vDSO calls).</summary>
    public long BootTime { get; } = BootClock.BootTimeNanoseconds();

    /// <summary>
    /// Locks <paramref name="final"/> (a unit or venv directory) shared and returns whether it is
    /// complete (and marked since the last boot); <see cref="Completion.Missing"/>, holding
    /// nothing, if it is not (the caller creates it, then calls again).
    /// </summary>
    public Completion HoldIfComplete(string final)
    {
        if (_disabled)
        {
            return AtomicDirectory.CompletionAt(final, BootTime);
        }

        FileLock held;
        try
        {
            held = FileLock.Acquire(final + ".lock", exclusive: false, FileLock.DefaultTimeout, log, inheritable: true, existingOnly);
        }
        catch (SatchelException e) when (e is not LockTimeoutException)
        {
            // No lock file can be made or opened (a read-only cache, a fresh root): a complete directory is
            // used unprotected rather than refused; a missing one is created by the caller.
            var unprotected = AtomicDirectory.CompletionAt(final, BootTime);
            if (unprotected != Completion.Missing)
            {
                log.Line($"in-use lock not taken: {e.Message}");
            }

            return unprotected;
        }

        var completion = AtomicDirectory.CompletionAt(final, BootTime);
        if (completion != Completion.Missing)
        {
            _held.Add(held);
            return completion;
        }

        held.Dispose();
        return Completion.Missing;
    }

    public int Count => _held.Count;

    /// <summary>SATCHEL_IN_USE_LOCKS=0: completion is checked, nothing is locked.</summary>
    public bool Disabled => _disabled;

    public void Dispose()
    {
        foreach (var held in _held)
        {
            held.Dispose();
        }

        _held.Clear();
    }
}
