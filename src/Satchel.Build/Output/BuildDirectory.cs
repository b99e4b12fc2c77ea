using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Removal;

namespace Satchel.Build.Output;

/// <summary>
/// The staging directory of one build, "&lt;OUT&gt;.satchel-build" beside the output (see
/// docs/build-directory.md). Opening it clears what crashed or stuck earlier builds left there
/// (moved aside and removed robustly; what will not go is a warning, never a failure); disposing
/// it removes it, and a removal that fails is one warning naming each path left behind, never a
/// failure: by then the output is complete and renamed into place. A lock file inside marks the
/// directory as in use, so a build running at the same time keeps its own and never loses it.
/// </summary>
public sealed class BuildDirectory : IDisposable
{
    public const string Suffix = ".satchel-build";
    public const string LockFileName = ".satchel-build.lock";
    private const int AlternateNames = 3;

    private readonly Log _log;
    private readonly Action<string> _warn;
    private FileLock? _lock;

    private BuildDirectory(string path, FileLock held, Log log, Action<string> warn)
    {
        Path = path;
        _lock = held;
        _log = log;
        _warn = warn;
    }

    /// <summary>The staging directory: put temporary material here (on the output's file system).</summary>
    public string Path { get; }

    /// <summary>Prints a warning the way the CLI does: "satchel: warning: ..." on stderr.</summary>
    public static void WarnOnStandardError(string warning) => Console.Error.WriteLine($"satchel: warning: {warning}");

    /// <summary>Clears leftovers of earlier builds of <paramref name="outputPath"/> and creates a fresh staging directory.</summary>
    public static BuildDirectory Open(string outputPath, Log? log = null, Action<string>? warn = null)
    {
        log ??= Log.Quiet;
        warn ??= WarnOnStandardError;
        var canonical = OutputTarget.Check(outputPath) + Suffix;
        ClearLeftovers(canonical, log, warn);
        for (var attempt = 0; attempt <= AlternateNames; attempt++)
        {
            // The usual name, unless a concurrent build holds it or a leftover could not be moved off it.
            var candidate = attempt == 0 ? canonical : canonical + "-" + Guid.NewGuid().ToString("N")[..8];
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                continue;
            }

            Create(candidate);
            if (LockNew(candidate) is { } held)
            {
                log.Line($"build directory {candidate}");
                return new BuildDirectory(candidate, held, log, warn);
            }
        }

        throw new SatchelException(ExitCodes.CantCreate,
            $"cannot create a build directory beside {canonical}: other builds of the same output hold every name tried; wait for them or choose another -o");
    }

    /// <summary>Removes the staging directory; warns (never throws) naming each path it had to leave.</summary>
    public void Dispose()
    {
        if (_lock is null)
        {
            return;
        }

        // Released first: Windows cannot delete a file that is still open.
        _lock.Dispose();
        _lock = null;
        if (!TreeRemover.TryRemove(Path, out var failure, _log))
        {
            _warn(failure.Message);
        }
    }

    /// <summary>Leftovers: the staging directory itself, alternates of concurrent builds, and tombstones of failed removals.</summary>
    private static void ClearLeftovers(string canonical, Log log, Action<string> warn)
    {
        var parent = System.IO.Path.GetDirectoryName(canonical)!;
        var name = System.IO.Path.GetFileName(canonical);
        var leftovers = Directory.EnumerateFileSystemEntries(parent, name + "*")
            .Where(path => IsLeftoverName(System.IO.Path.GetFileName(path), name))
            .ToList();
        foreach (var leftover in leftovers)
        {
            if (!Tombstone.IsTombstone(leftover) && IsInUse(leftover))
            {
                log.Line($"build directory {leftover} is in use by another build; leaving it");
                continue;
            }

            log.Line($"removing stale build directory {leftover}");
            if (!TreeRemover.TryRemove(leftover, out var failure, log))
            {
                warn($"stale build directory not fully removed (this build goes on without it): {failure.Message}");
            }
        }
    }

    private static bool IsLeftoverName(string candidate, string canonicalName) =>
        candidate == canonicalName
        || candidate.StartsWith(canonicalName + "-", StringComparison.Ordinal)
        || candidate.StartsWith(canonicalName + Tombstone.Infix, StringComparison.Ordinal);

    /// <summary>A build directory is in use while its lock is held; a crashed build's lock died with it.</summary>
    private static bool IsInUse(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        try
        {
            using var probe = TryLock(directory);
            return probe is null;
        }
        catch (SatchelException)
        {
            // A lock file that cannot even be opened (an unwritable leftover) is held by nobody.
            return false;
        }
    }

    /// <summary>The directory's lock if it is free now, null if another build holds it.</summary>
    private static FileLock? TryLock(string directory) =>
        FileLock.TryAcquire(System.IO.Path.Combine(directory, LockFileName), exclusive: true);

    private static FileLock? LockNew(string directory)
    {
        try
        {
            return TryLock(directory);
        }
        catch (SatchelException e)
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot lock build directory {directory}: {e.Message}");
        }
    }

    private static void Create(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot create build directory {path}: {IoErrors.Describe(e)}; check that the output's directory is writable");
        }
    }
}
