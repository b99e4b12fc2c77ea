using System.Diagnostics.CodeAnalysis;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Removal;

/// <summary>
/// The one routine that removes a directory tree (or a single file or link), everywhere Satchel
/// removes one: build staging, temp-mode clean-up, stale work directories, cache prune.
/// The path is freed at once by renaming the tree to a tombstone beside it; the tombstone is then
/// deleted without following links, retrying only transient errors inside a time budget
/// (SATCHEL_DELETE_TIMEOUT). See docs/removal.md.
/// </summary>
public static class TreeRemover
{
    /// <summary>Removes <paramref name="path"/>; throws <see cref="RemovalFailedException"/> naming what is left when it cannot.</summary>
    public static void Remove(string path, Log? log = null) => Remove(path, RemovalOptions.Default, log);

    /// <inheritdoc cref="Remove(string, Log?)"/>
    public static void Remove(string path, RemovalOptions options, Log? log = null)
    {
        if (!TryRemove(path, options, out var failure, log))
        {
            throw failure;
        }
    }

    /// <summary>
    /// Makes <paramref name="path"/> free for new content: removes what is there; if some of it
    /// cannot be removed but the tree was moved aside, what is left is only logged (a later sweep
    /// of tombstones retries it). Throws <see cref="RemovalFailedException"/> only when the path is
    /// still taken.
    /// </summary>
    public static void FreePath(string path, Log? log = null)
    {
        if (!TryRemove(path, out var failure, log) && !failure.RequestedPathFreed)
        {
            throw failure;
        }
    }

    /// <summary>Removes <paramref name="path"/>; returns false with what is left, for callers whose work is done whatever happens (clean-up).</summary>
    public static bool TryRemove(string path, [NotNullWhen(false)] out RemovalFailedException? failure, Log? log = null) =>
        TryRemove(path, RemovalOptions.Default, out failure, log);

    /// <inheritdoc cref="TryRemove(string, out RemovalFailedException?, Log?)"/>
    public static bool TryRemove(string path, RemovalOptions options, [NotNullWhen(false)] out RemovalFailedException? failure, Log? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (Path.GetDirectoryName(full) is null)
        {
            throw new SatchelException(ExitCodes.Software, $"refusing to remove {full}: it is the root of a file system");
        }

        failure = new TreeRemoval(options, log ?? Log.Quiet).Run(full);
        return failure is null;
    }
}
