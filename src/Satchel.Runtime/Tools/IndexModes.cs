using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Tools;

/// <summary>
/// Gives a unit tree written by <see cref="UnitTreeWriter"/> (private cache modes: 0700/0600) the
/// modes of the index (0755 directories, 0644 or 0755 files): a tree handed to the user, not the cache.
/// </summary>
public static class IndexModes
{
    public static void Apply(string root, UnitIndex unit)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(root, (UnixFileMode)IndexEntry.DirectoryMode);
        foreach (var entry in unit.Entries)
        {
            if (entry.Kind != EntryKind.Symlink)
            {
                File.SetUnixFileMode(UnitTreeWriter.Combine(root, entry.Path), (UnixFileMode)entry.Mode);
            }
        }
    }
}
