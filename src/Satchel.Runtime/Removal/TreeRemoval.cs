using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Removal;

/// <summary>
/// One removal of one tree (see docs/removal.md): move it aside to a tombstone, then delete it in
/// passes, bottom-up, never following a link and never descending into another file system.
/// A pass retries nothing itself; it records each path that failed, as transient (tried again
/// next pass) or fatal (never tried again, its ancestors left alone). Passes repeat under the
/// shared <see cref="Backoff"/> while transient failures remain; a pass that leaves fewer entries
/// than any before counts as progress and restarts the budget.
/// </summary>
internal sealed class TreeRemoval(RemovalOptions options, Log log)
{
    private const int BusyPathsLogged = 3;

    private readonly Dictionary<string, OsError> _fatal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OsError> _busy = new(StringComparer.Ordinal);

    private IFileSystem FileSystem => options.FileSystem;

    /// <summary>Removes <paramref name="path"/>; null when it is gone, else what is left.</summary>
    public RemovalFailedException? Run(string path)
    {
        NodeStatus? status;
        try
        {
            status = FileSystem.Inspect(path);
        }
        catch (OsErrorException e)
        {
            return Failed(path, path, [new RemovalFailure(path, e.Error)]);
        }

        if (status is null)
        {
            return null;
        }

        var location = MoveAside(path);
        var backoff = new Backoff(options.Clock, options.Budget);
        var fewestLeft = int.MaxValue;
        while (true)
        {
            _busy.Clear();
            var left = Pass(location);
            if (left == 0)
            {
                log.Line(backoff.Retries == 0 ? $"removed {path}" : $"removed {path} after {backoff.Retries} retries");
                return null;
            }

            if (_busy.Count == 0)
            {
                break;
            }

            if (left < fewestLeft)
            {
                fewestLeft = left;
                backoff.Progressed();
            }

            if (backoff.NextDelay() is not { } delay)
            {
                break;
            }

            LogRetry(location, left, delay, backoff.Retries, backoff.Remaining);
            backoff.Sleep(delay);
        }

        var failures = new List<RemovalFailure>(_fatal.Count + _busy.Count);
        foreach (var (failedPath, error) in _fatal)
        {
            failures.Add(new RemovalFailure(failedPath, error));
        }

        foreach (var (failedPath, error) in _busy)
        {
            failures.Add(new RemovalFailure(failedPath, error));
        }

        failures.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return Failed(path, location, failures);
    }

    /// <summary>Renames the tree to a tombstone; falls back to deleting in place (returns the path itself) when it cannot.</summary>
    private string MoveAside(string path)
    {
        if (Tombstone.IsTombstone(path))
        {
            return path;
        }

        var tombstone = Tombstone.NewPathFor(path);
        try
        {
            FileSystem.Rename(path, tombstone);
            log.Line($"removing {path} (moved aside to {tombstone})");
            return tombstone;
        }
        catch (OsErrorException e)
        {
            // A mount point (EBUSY), another file system (EXDEV), an unwritable parent, or on
            // Windows an open file inside: the tree can still be emptied where it is.
            log.Line($"removing {path} in place: cannot move it aside: {e.Error}");
            return path;
        }
    }

    /// <summary>One pass over the tree at <paramref name="root"/>; returns how many entries are left.</summary>
    private int Pass(string root)
    {
        NodeStatus? status;
        try
        {
            status = FileSystem.Inspect(root);
        }
        catch (OsErrorException e)
        {
            return Record(root, e.Error);
        }

        return status switch
        {
            null => 0,
            { Type: NodeType.Directory } directory => RemoveDirectory(root, directory, directory.Device),
            { } other => RemoveLeaf(root, other),
        };
    }

    private int RemoveLeaf(string path, NodeStatus status)
    {
        if (_fatal.ContainsKey(path))
        {
            return 1;
        }

        if (status.WriteProtected)
        {
            Unprotect(path);
        }

        return Attempt(path, () => FileSystem.DeleteFile(path));
    }

    private int RemoveDirectory(string path, NodeStatus status, ulong rootDevice)
    {
        if (_fatal.ContainsKey(path))
        {
            return 1;
        }

        // Another file system mounted here is not ours to change or empty: only the mount point
        // itself is removed, which works once it is unmounted (EBUSY until then, a transient error).
        var sameFileSystem = status.Device == rootDevice;
        if (status.WriteProtected && sameFileSystem)
        {
            Unprotect(path);
        }

        var left = 0;
        if (sameFileSystem)
        {
            IReadOnlyList<ChildNode> children;
            try
            {
                children = FileSystem.List(path);
            }
            catch (OsErrorException e)
            {
                return e.Error.Kind == OsErrorKind.NotFound ? 0 : Record(path, e.Error);
            }

            foreach (var child in children)
            {
                var childPath = Path.Combine(path, child.Name);
                left += child.Status.Type == NodeType.Directory
                    ? RemoveDirectory(childPath, child.Status, rootDevice)
                    : RemoveLeaf(childPath, child.Status);
            }
        }

        // With entries left the directory cannot go; trying would only add a "not empty" error
        // that says nothing the entries' own errors do not.
        return left > 0 ? left + 1 : Attempt(path, () => FileSystem.DeleteDirectory(path));
    }

    private int Attempt(string path, Action delete)
    {
        try
        {
            delete();
            return 0;
        }
        catch (OsErrorException e)
        {
            return e.Error.Kind == OsErrorKind.NotFound ? 0 : Record(path, e.Error);
        }
    }

    private int Record(string path, OsError error)
    {
        if (TransientErrors.WhenDeleting(error))
        {
            _busy[path] = error;
        }
        else
        {
            _fatal[path] = error;
            log.Line($"cannot remove {path}: {error}; not retried");
        }

        return 1;
    }

    private void Unprotect(string path)
    {
        try
        {
            FileSystem.MakeRemovable(path);
        }
        catch (OsErrorException e)
        {
            // The delete that follows fails with the error that matters and reports it.
            log.Line($"cannot make {path} removable: {e.Error}");
        }
    }

    private void LogRetry(string location, int left, TimeSpan delay, int retry, TimeSpan budgetLeft)
    {
        if (!log.Enabled)
        {
            return;
        }

        var logged = new List<string>(Math.Min(_busy.Count, BusyPathsLogged));
        foreach (var (busyPath, error) in _busy)
        {
            if (logged.Count == BusyPathsLogged)
            {
                break;
            }

            logged.Add($"{busyPath}: {error}");
        }

        var busy = string.Join("; ", logged);
        var more = _busy.Count > BusyPathsLogged ? $"; and {_busy.Count - BusyPathsLogged} more" : string.Empty;
        log.Line($"removing {location}: {left} entries left, {_busy.Count} busy ({busy}{more}); retry {retry} in {DurationText.WholeMilliseconds(delay)} ({DurationText.Seconds(budgetLeft)} of budget left)");
    }

    private RemovalFailedException Failed(string path, string location, List<RemovalFailure> failures)
    {
        foreach (var failure in failures)
        {
            log.Line($"left behind: {failure}");
        }

        return new RemovalFailedException(path, location, failures);
    }
}
