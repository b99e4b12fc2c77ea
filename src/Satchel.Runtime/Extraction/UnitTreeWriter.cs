using Satchel.Runtime.Files;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Writes one unit's tree into an empty directory: directories first, then every file from the
/// unit's stream with its SHA-256 checked as it is written (<see cref="FileDataWriter"/>, on
/// several threads), then symlinks last (so nothing is ever written through a link). Files are
/// created exclusively (O_CREAT|O_EXCL), so a name that the file system folds onto an existing
/// one fails instead of overwriting it. Modes: directories 0700, files 0600, executables 0700, plus the bits a shared root gives (<see cref="CacheModes"/>).
/// </summary>
public static class UnitTreeWriter
{
    public static void Write(AppFile app, UnitIndex unit, string destination)
    {
        CacheModes.CreateDirectory(destination);
        foreach (var entry in unit.Entries)
        {
            if (entry.Kind == EntryKind.Directory)
            {
                CacheModes.CreateDirectory(Combine(destination, entry.Path));
            }
        }

        FileDataWriter.Write(app, unit, destination);

        foreach (var entry in unit.Entries)
        {
            if (entry.Kind == EntryKind.Symlink)
            {
                File.CreateSymbolicLink(Combine(destination, entry.Path), entry.LinkTarget!);
            }
        }
    }

    /// <summary>Entry paths are validated '/'-separated relative paths; this maps them under the destination.</summary>
    public static string Combine(string destination, string entryPath) =>
        Path.Combine(destination, Path.DirectorySeparatorChar == '/' ? entryPath : entryPath.Replace('/', Path.DirectorySeparatorChar));
}
