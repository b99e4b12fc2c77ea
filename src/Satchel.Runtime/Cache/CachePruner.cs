using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Cache;

/// <summary>
/// `satchel cache prune --older-than AGE` and `satchel cache purge`: removes units and venvs
/// (prune: those whose last use is older than the cutoff; purge: all), each only while holding its
/// lock file exclusively, taken without waiting. A running app holds that lock shared (see
/// <see cref="InUseLocks"/>) and an extraction holds it exclusively, so what is in use or being
/// made is skipped, never removed. Lock files stay in place: removing one while another process has
/// it open would split the lock in two. Removal is <see cref="TreeRemover"/>.
/// </summary>
public static class CachePruner
{
    public static PruneResult Run(CacheLayout layout, DateTime? cutoffUtc, Log log)
    {
        var removed = new List<CacheEntry>();
        var inUse = new List<CacheEntry>();
        var failed = new List<string>();
        var entries = CacheInventory.List(layout);

        // Venvs first: a venv names its units' directories, so it goes before (or with) them.
        entries.Sort((a, b) => a.Kind == b.Kind ? string.CompareOrdinal(a.Name, b.Name) : a.Kind == CacheEntryKind.Venv ? -1 : 1);
        foreach (var entry in entries)
        {
            if (cutoffUtc is { } cutoff && entry.LastUseUtc >= cutoff)
            {
                continue;
            }

            using var held = FileLock.TryAcquire(entry.LockPath, exclusive: true);
            if (held is null)
            {
                log.Line($"skipping {entry.Path}: in use");
                inUse.Add(entry);
                continue;
            }

            if (TreeRemover.TryRemove(entry.Path, out var failure, log))
            {
                RemoveLeftovers(entry.Path, log);
                removed.Add(entry);
            }
            else
            {
                failed.Add(failure.Message);
            }
        }

        if (cutoffUtc is null)
        {
            RemoveInterpreterRecords(layout, log);
        }

        RemoveUnusedAppRecords(layout, cutoffUtc);
        return new PruneResult(removed, inUse, failed);
    }

    /// <summary>Work and repair directories of crashed extractions and repairs of this directory; we hold its lock, so none is live.</summary>
    private static void RemoveLeftovers(string final, Log log)
    {
        var parent = Path.GetDirectoryName(final)!;
        foreach (var infix in (ReadOnlySpan<string>)[AtomicDirectory.WorkInfix, AtomicDirectory.RepairInfix])
        {
            foreach (var stale in Directory.EnumerateDirectories(parent, Path.GetFileName(final) + infix + "*"))
            {
                TreeRemover.TryRemove(stale, out _, log);
            }
        }
    }

    /// <summary>Interpreter facts and choices, and the build interpreter probes, are re-made on demand; each is one atomically replaced file.</summary>
    private static void RemoveInterpreterRecords(CacheLayout layout, Log log)
    {
        foreach (var (directory, suffixes) in new[] { (layout.InterpretersDir, new[] { ".facts", ".choice" }), (layout.BuildProbesDir, [".json"]) })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory))
            {
                foreach (var suffix in suffixes)
                {
                    if (file.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        TreeRemover.TryRemove(file, out _, log);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>A record whose units are all gone (and that is older than the cutoff) names nothing left to protect.</summary>
    private static void RemoveUnusedAppRecords(CacheLayout layout, DateTime? cutoffUtc)
    {
        foreach (var record in AppUseRecord.ReadAll(layout))
        {
            if (cutoffUtc is { } cutoff && record.LastUseUtc >= cutoff)
            {
                continue;
            }

            var anyLeft = false;
            foreach (var key in record.UnitKeys)
            {
                anyLeft |= Directory.Exists(layout.UnitDir(key));
            }

            if (!anyLeft)
            {
                File.Delete(layout.AppRecord(record.AppId));
                File.Delete(layout.StartRecord(record.AppId));
            }
        }
    }
}

/// <summary>What a prune or purge removed, skipped because it was in use, and could not remove.</summary>
public sealed record PruneResult(IReadOnlyList<CacheEntry> Removed, IReadOnlyList<CacheEntry> InUse, IReadOnlyList<string> Failures)
{
    public long FreedBytes
    {
        get
        {
            long total = 0;
            foreach (var entry in Removed)
            {
                total += entry.Bytes;
            }

            return total;
        }
    }
}
