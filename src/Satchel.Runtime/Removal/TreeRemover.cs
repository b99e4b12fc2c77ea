using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Removal;

/// <summary>
/// Removes a directory tree. The path is freed at once by renaming the tree to a unique
/// tombstone beside it; the tombstone is then deleted without following links.
/// </summary>
public static class TreeRemover
{
    public static void Remove(string path, Log? log = null)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            return;
        }

        var tombstone = path.TrimEnd(Path.DirectorySeparatorChar) + ".del-" + Guid.NewGuid().ToString("N")[..8];
        Directory.Move(path, tombstone);
        log?.Line($"removing {path} (moved to {tombstone})");
        Directory.Delete(tombstone, recursive: true);
    }
}
