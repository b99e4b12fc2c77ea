using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Puts the shipped bytecode of the chosen interpreter into the units it was compiled from
/// (docs/cache-layout.md, "Bytecode"): each bytecode unit is extracted like any unit (key
/// recomputed, every hash checked) into a work directory beside the units, then each .pyc is
/// renamed into the target unit's <c>__pycache__</c> directories (one rename: a Python importing
/// meanwhile reads the old file or the new one), and last a marker named after the bytecode unit
/// is written inside the target's directory, so it goes when the target goes (prune, repair). The
/// warm path costs one lstat per bytecode unit of the interpreter's cache tag. The exclusive lock
/// is the bytecode unit's own <c>&lt;key&gt;.lock</c>: the target's is held shared by running apps.
/// </summary>
public static class BytecodeInstaller
{
    public const string MarkerPrefix = ".satchel-bytecode-";

    /// <summary>Where the marker of <paramref name="bytecode"/> lives: in its target unit's directory.</summary>
    public static string MarkerPath(CacheLayout layout, PayloadHeader header, BytecodeUnit bytecode) =>
        Path.Combine(layout.UnitDir(header.Units[bytecode.Target].KeyHex), string.Concat(MarkerPrefix, header.Units[bytecode.Unit].KeyHex));

    public static bool IsInstalled(string marker) =>
        UnixFileStatus.TypeOf(marker) is { } type ? type == UnixFileStatus.RegularType : File.Exists(marker);

    /// <summary>Whether the build shipped bytecode for <paramref name="cacheTag"/>.</summary>
    public static bool Covers(PayloadHeader header, string cacheTag)
    {
        foreach (var bytecode in header.Bytecode)
        {
            if (bytecode.CacheTag == cacheTag)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Makes sure every bytecode unit for <paramref name="cacheTag"/> is in its target unit (the targets are complete).</summary>
    public static void EnsureFor(AppFile app, CacheLayout layout, string cacheTag, Log log)
    {
        PayloadIndex? index = null;
        foreach (var bytecode in app.Header.Bytecode)
        {
            if (bytecode.CacheTag != cacheTag || IsInstalled(MarkerPath(layout, app.Header, bytecode)))
            {
                continue;
            }

            if (layout.ReadOnly)
            {
                // The app still runs: Python compiles in memory what it cannot read from disk.
                log.Line($"bytecode '{app.Header.Units[bytecode.Unit].Name}' is not in the read-only cache; Python compiles those modules on every start (warm the cache)");
                continue;
            }

            var position = bytecode;
            Install(app, layout, bytecode, () => (index ??= app.ReadIndex()).Units[position.Unit], log);
        }
    }

    private static void Install(AppFile app, CacheLayout layout, BytecodeUnit bytecode, Func<UnitIndex> index, Log log)
    {
        var header = app.Header;
        var unit = header.Units[bytecode.Unit];
        var key = unit.KeyHex;
        var marker = MarkerPath(layout, header, bytecode);
        using var held = FileLock.Acquire(layout.UnitDir(key) + ".lock", exclusive: true, FileLock.DefaultTimeout, log);
        if (IsInstalled(marker))
        {
            return;
        }

        app.VerifyHeader();
        var unitIndex = index();
        if (!UnitKey.Compute(unitIndex.Entries).AsSpan().SequenceEqual(unit.Key))
        {
            throw new CorruptPayloadException(app.Path, $"unit '{unit.Name}' does not match its key {key[..12]}");
        }

        foreach (var stale in layout.StaleUnitWorkDirs(key))
        {
            TreeRemover.TryRemove(stale, out _, log);
        }

        var work = AtomicPath.Sibling(layout.UnitDir(key), AtomicDirectory.WorkInfix);
        var target = layout.UnitFiles(header.Units[bytecode.Target].KeyHex);
        try
        {
            AtomicDirectory.CreateNewPrivateDirectory(work);
            var fresh = Path.Combine(work, CacheLayout.UnitFilesDirectory);
            UnitTreeWriter.Write(app, unitIndex, fresh);
            foreach (var entry in unitIndex.Entries)
            {
                var destination = UnitTreeWriter.Combine(target, entry.Path);
                switch (entry.Kind)
                {
                    case EntryKind.Directory:
                        if (!Directory.Exists(destination))
                        {
                            AtomicDirectory.CreatePrivateDirectory(destination);
                        }

                        break;
                    case EntryKind.File:
                        File.Move(UnitTreeWriter.Combine(fresh, entry.Path), destination, overwrite: true);
                        break;
                    default:
                        throw new CorruptPayloadException(app.Path, $"bytecode unit '{unit.Name}' holds a symbolic link ({EntryPathRules.Printable(entry.Path)})");
                }
            }

            AtomicPath.ReplaceFile(marker, $"format=1\nkey={key}\nname={unit.Name}\ncache_tag={bytecode.CacheTag}\nentries={unitIndex.Entries.Count}\n");
            log.Line($"bytecode {key[..12]} ({unit.Name}) installed: {unitIndex.Entries.Count} entries");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AtomicDirectory.Translate(e, target);
        }
        finally
        {
            // Only empty directories are left. Not Directory.Delete(recursive): its enumerator's
            // generic instantiation pulls NativeAOT's type loader into the launcher (+250 KB).
            TreeRemover.TryRemove(work, out _, log);
        }
    }
}
