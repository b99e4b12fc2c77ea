namespace Satchel.Runtime.Removal;

/// <summary>
/// The name a tree is renamed to before it is deleted: "&lt;name&gt;.satchel-del-&lt;8 hex&gt;" in the same
/// directory, so the rename stays on one file system and the original name is free at once.
/// A tombstone left by a failed removal keeps the original name as its prefix, so sweeps that
/// look for "&lt;name&gt;*" (stale work directories, stale build directories) find it again.
/// </summary>
public static class Tombstone
{
    public const string Infix = ".satchel-del-";

    public static string NewPathFor(string path) =>
        Path.TrimEndingDirectorySeparator(path) + Infix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Already a tombstone: removed in place rather than renamed again (names would grow on every sweep).</summary>
    public static bool IsTombstone(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(path)).Contains(Infix, StringComparison.Ordinal);

    /// <summary>Tombstones that earlier removals of <paramref name="path"/> left beside it.</summary>
    public static IEnumerable<string> LeftBeside(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        var parent = Path.GetDirectoryName(trimmed);
        return parent is not null && Directory.Exists(parent)
            ? Directory.EnumerateFileSystemEntries(parent, Path.GetFileName(trimmed) + Infix + "*")
            : [];
    }
}
