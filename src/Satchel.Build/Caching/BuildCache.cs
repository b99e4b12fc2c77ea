using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Caching;

/// <summary>
/// What earlier builds left for later ones, under the cache root's <c>v1/build/</c>
/// (docs/cache-layout.md, "The build cache"): installed wheels, compressed units, compiled
/// bytecode and resolutions, each an entry <c>&lt;kind&gt;/&lt;key&gt;/</c> made exactly like a
/// unit (<see cref="AtomicDirectory"/>: exclusive lock, work directory, marker last, rename), so
/// nothing that looks complete is not, and concurrent builds make an entry once. A build holds a
/// shared lock on every entry it uses until it ends: prune and purge pass over those.
/// </summary>
public sealed class BuildCache : IDisposable
{
    private readonly Log _log;
    private readonly List<FileLock> _held = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Reused, int Stored)> _tally = new(StringComparer.Ordinal);

    private BuildCache(CacheLayout layout, Log log)
    {
        Root = RootOf(layout);
        ProbesDirectory = layout.BuildProbesDir;
        _log = log;
    }

    /// <summary>&lt;cache root&gt;/v1/build.</summary>
    public string Root { get; }

    /// <summary>Where build interpreter probes are kept (<see cref="CachedInterpreterProbe"/>).</summary>
    public string ProbesDirectory { get; }

    /// <summary>
    /// The build cache of the user's cache root; null with `--no-build-cache`, when the cache is
    /// read-only for us (root's, prebaked), or when the root is refused (unsafe, not creatable:
    /// the reason goes to --verbose and the build goes on cold).
    /// </summary>
    public static BuildCache? Open(bool enabled, Log log)
    {
        if (!enabled)
        {
            log.Line("build cache: off (--no-build-cache), everything is made afresh");
            return null;
        }

        CacheLayout layout;
        try
        {
            layout = CacheRoot.Open();
        }
        catch (SatchelException e)
        {
            // The build does not need the cache: an unsafe or unusable root costs speed, not the build.
            log.Line($"build cache: off, {e.Message}");
            return null;
        }

        if (layout.ReadOnly)
        {
            log.Line($"build cache: off, the cache {layout.Root} is read-only for this user");
            return null;
        }

        return new BuildCache(layout, log);
    }

    /// <summary>Where the build cache of a cache layout lives.</summary>
    public static string RootOf(CacheLayout layout) => layout.BuildDir;

    public string EntryPath(string kind, string key) => Path.Combine(Root, kind, key);

    /// <summary>
    /// The complete entry, held (shared lock) until this build ends and marked as used now; null
    /// when there is none. A creator holding the lock exclusively is waited for.
    /// </summary>
    public string? Find(string kind, string key)
    {
        var found = Hold(kind, key);
        if (found is not null)
        {
            Count(kind, reused: true);
        }

        return found;
    }

    private string? Hold(string kind, string key)
    {
        var entry = EntryPath(kind, key);
        if (!AtomicDirectory.IsCompleteAt(entry))
        {
            return null;
        }

        var held = FileLock.Acquire(entry + ".lock", exclusive: false, FileLock.DefaultTimeout, _log);
        if (!AtomicDirectory.IsCompleteAt(entry))
        {
            // Pruned between the check and the lock.
            held.Dispose();
            return null;
        }

        lock (_gate)
        {
            _held.Add(held);
        }

        MarkUsed(entry);
        return entry;
    }

    /// <summary>
    /// The entry, made by <paramref name="fill"/> (which writes into the work directory it is
    /// given) unless another build made it first; held like <see cref="Find"/>. The marker names
    /// <paramref name="label"/>, what `satchel cache list` shows of the entry.
    /// </summary>
    public string Store(string kind, string key, string label, Action<string> fill)
    {
        var entry = EntryPath(kind, key);
        for (var attempt = 0; ; attempt++)
        {
            CreateKindDirectory(kind);
            new AtomicDirectory(entry, _log).Ensure(work =>
            {
                fill(work);
                return $"name={label.ReplaceLineEndings(" ")}\nkey={key}\n";
            });
            if (Hold(kind, key) is { } found)
            {
                Count(kind, reused: false);
                return found;
            }

            if (attempt == 2)
            {
                throw new SatchelException(ExitCodes.TempFail,
                    $"the build cache entry {entry} was removed as soon as it was made, three times (a prune or purge running in a loop?); try again, or build with --no-build-cache");
            }
        }
    }

    /// <summary>One line per kind for --verbose: how many entries were reused and how many made.</summary>
    public IEnumerable<string> Summary()
    {
        lock (_gate)
        {
            return [.. _tally.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"build cache {t.Key}: {t.Value.Reused} reused, {t.Value.Stored} made")];
        }
    }

    private void CreateKindDirectory(string kind)
    {
        var directory = Path.Combine(Root, kind);
        if (!Directory.Exists(directory))
        {
            AtomicDirectory.CreatePrivateDirectory(directory);
        }
    }

    /// <summary>The marker's mtime is the entry's last use: what `satchel cache prune --older-than` goes by.</summary>
    private void MarkUsed(string entry)
    {
        try
        {
            File.SetLastWriteTimeUtc(Path.Combine(entry, AtomicDirectory.CompleteMarker), DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only prune's notion of age depends on it.
            _log.Line($"build cache: cannot mark {entry} as used: {e.Message}");
        }
    }

    private void Count(string kind, bool reused)
    {
        lock (_gate)
        {
            var (r, s) = _tally.GetValueOrDefault(kind);
            _tally[kind] = reused ? (r + 1, s) : (r, s + 1);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var held in _held)
            {
                held.Dispose();
            }

            _held.Clear();
        }
    }
}
