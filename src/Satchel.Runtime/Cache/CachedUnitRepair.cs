using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;
using Satchel.Runtime.Removal;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Cache;

/// <summary>
/// `SATCHEL_VERIFY=1`: checks this app's cached units against the index (every directory, every
/// symlink's target, every file's type, size, executable bit and SHA-256) and puts back what
/// differs or is missing (OS temp cleaners delete files and leave directories; users edit files
/// by mistake). Entries under <c>__pycache__</c> of a unit are skipped: Python writes bytecode of
/// its own (other versions, or where none was shipped) inside units at run time. Shipped bytecode
/// units are checked where they were installed, in their target's tree, once installed. A damaged unit is extracted again, verified, into a sibling repair directory and
/// only the bad entries are moved into place (rename over, so a running reader sees the old or the
/// new file, never a part). The caller holds the units' in-use locks, so no prune removes them meanwhile.
/// </summary>
public static class CachedUnitRepair
{
    /// <summary>Returns the number of entries repaired across the app's units.</summary>
    /// <param name="only">The units to check (an app built for several interpreters: the chosen set's, the others are not extracted); null: all.</param>
    public static int Run(AppFile app, CacheLayout layout, Log log, bool[]? only = null)
    {
        app.VerifyHeader();
        var index = app.ReadIndex();
        var repaired = 0;
        for (var i = 0; i < index.Units.Count; i++)
        {
            if (only is null || only[i])
            {
                repaired += CheckUnit(app, index.Units[i], i, layout, log);
            }
        }

        log.Line($"verified the cached units: {repaired} entries repaired");
        return repaired;
    }

    /// <summary>
    /// Checks one cached unit (the header's unit <paramref name="position"/>) entry by entry and
    /// repairs what differs; returns how many entries were repaired. A shipped bytecode unit is
    /// checked where it was installed, and only once it was.
    /// </summary>
    public static int CheckUnit(AppFile app, UnitIndex unitIndex, int position, CacheLayout layout, Log log)
    {
        var unit = app.Header.Units[position];
        var files = layout.UnitFiles(unit.KeyHex);
        var shipped = unit.Kind == UnitKind.Bytecode;
        if (shipped)
        {
            // Shipped bytecode lives in its target's tree, and only once installed for the interpreter in use.
            var bytecode = BytecodeUnit.Of(app.Header.Bytecode, position);
            if (!BytecodeInstaller.IsInstalled(BytecodeInstaller.MarkerPath(layout, app.Header, bytecode)))
            {
                return 0;
            }

            files = layout.UnitFiles(app.Header.Units[bytecode.Target].KeyHex);
        }

        var bad = new List<IndexEntry>();
        foreach (var entry in unitIndex.Entries)
        {
            if ((shipped || !IsBytecodeCache(entry.Path)) && !Matches(UnitTreeWriter.Combine(files, entry.Path), entry))
            {
                bad.Add(entry);
            }
        }

        if (bad.Count > 0)
        {
            Repair(app, unitIndex, layout, unit, files, bad, log);
            StandardError.WriteLine($"satchel: repaired {bad.Count} entr{(bad.Count == 1 ? "y" : "ies")} of cached unit '{unit.Name}' in {files} (first: {EntryPathRules.Printable(bad[0].Path)})");
        }

        return bad.Count;
    }

    /// <summary>The first entry of a cached unit whose type, size or executable bit differs from the index (no hashing), or null.</summary>
    public static IndexEntry? FirstMisshapen(UnitIndex unitIndex, string files)
    {
        foreach (var entry in unitIndex.Entries)
        {
            if (!IsBytecodeCache(entry.Path) && !HasShape(UnitTreeWriter.Combine(files, entry.Path), entry))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool IsBytecodeCache(string entryPath) =>
        entryPath.StartsWith("__pycache__/", StringComparison.Ordinal) || entryPath.Contains("/__pycache__/", StringComparison.Ordinal)
        || entryPath == "__pycache__" || entryPath.EndsWith("/__pycache__", StringComparison.Ordinal);

    private static bool Matches(string path, IndexEntry entry)
    {
        if (!HasShape(path, entry))
        {
            return false;
        }

        if (entry.Kind is EntryKind.Directory or EntryKind.Symlink)
        {
            return true;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        return Sha256Hash.HashData(stream).AsSpan().SequenceEqual(entry.Sha256);
    }

    /// <summary>Type, a link's target, a file's size and executable bit: what a look at the entry shows without reading it.</summary>
    private static bool HasShape(string path, IndexEntry entry)
    {
        var info = new FileInfo(path);
        switch (entry.Kind)
        {
            case EntryKind.Directory:
                return info.LinkTarget is null && Directory.Exists(path);
            case EntryKind.Symlink:
                return info.LinkTarget == entry.LinkTarget;
            default:
                if (info.LinkTarget is not null || !info.Exists || info.Length != entry.Size)
                {
                    return false;
                }

                return OperatingSystem.IsWindows() || ((info.UnixFileMode & UnixFileMode.UserExecute) != 0) == entry.IsExecutable;
        }
    }

    private static void Repair(AppFile app, UnitIndex unitIndex, CacheLayout layout, UnitDescriptor unit, string files, List<IndexEntry> bad, Log log)
    {
        var fresh = AtomicDirectory.RepairPathFor(layout.UnitDir(unit.KeyHex));
        try
        {
            UnitTreeWriter.Write(app, unitIndex, fresh);
            foreach (var entry in bad)
            {
                var target = UnitTreeWriter.Combine(files, entry.Path);
                var source = UnitTreeWriter.Combine(fresh, entry.Path);
                log.Line($"repairing {target}");
                if (entry.Kind == EntryKind.Directory)
                {
                    ClearPlanted(target);
                    AtomicDirectory.CreatePrivateDirectory(target);
                    continue;
                }

                AtomicDirectory.CreatePrivateDirectory(Path.GetDirectoryName(target)!);
                if (entry.Kind == EntryKind.Symlink || Directory.Exists(target))
                {
                    ClearPlanted(target);
                }

                // A file replaces the old one in one rename: a reader sees the old or the new content.
                File.Move(source, target, overwrite: true);
            }
        }
        finally
        {
            TreeRemover.TryRemove(fresh, out _, log);
        }
    }

    /// <summary>Removes whatever stands where an entry belongs (a directory where a file should be, a wrong link), never following a link.</summary>
    internal static void ClearPlanted(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            TreeRemover.Remove(path);
        }
    }
}
