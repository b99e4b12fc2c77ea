using System.Text;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Payload;
using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Puts units into the cache exactly once, whatever runs at the same time or crashes midway:
/// double-checked exclusive lock on a sibling lock file, leftovers of crashed runs removed by the
/// lock holder, extraction into a unique work directory beside the target with every file's hash
/// checked, the completion marker written last, then a rename into place.
/// </summary>
public sealed class UnitInstaller(CacheLayout layout, Log log)
{
    /// <summary>
    /// The marker exists and the unit directory is a real directory: a symlink planted at the unit
    /// path could lead to any tree with a marker in it, so it never counts (one readlink more).
    /// </summary>
    public static bool IsComplete(CacheLayout layout, UnitDescriptor unit) =>
        File.Exists(layout.UnitMarker(unit.KeyHex)) && new DirectoryInfo(layout.UnitDir(unit.KeyHex)).LinkTarget is null;

    /// <summary>Makes sure <paramref name="unit"/> is complete in the cache; returns true if this call extracted it.</summary>
    public bool Ensure(AppFile app, UnitDescriptor unit, Func<UnitIndex> index)
    {
        var key = unit.KeyHex;
        if (IsComplete(layout, unit))
        {
            return false;
        }

        EnsureDirectory(layout.UnitsDir);
        using var held = FileLock.Acquire(layout.UnitLock(key), exclusive: true, FileLock.DefaultTimeout, log);
        if (IsComplete(layout, unit))
        {
            log.Line($"unit {key[..12]} was extracted by another process while we waited");
            return false;
        }

        var unitIndex = index();
        if (!UnitKey.Compute(unitIndex.Entries).AsSpan().SequenceEqual(unit.Key))
        {
            throw new CorruptPayloadException(app.Path, $"unit '{unit.Name}' does not match its key {key[..12]}");
        }

        foreach (var stale in layout.StaleUnitWorkDirs(key))
        {
            log.Line($"removing leftover work directory {stale}");
            TreeRemover.Remove(stale, log);
        }

        var final = layout.UnitDir(key);
        var planted = new FileInfo(final);
        if (planted.LinkTarget is not null || planted.Exists)
        {
            // A link (even dangling) or a file where the unit belongs: removed itself, never
            // followed; left there, it would make the final rename fail on every run.
            log.Line($"removing {final}, which is not a unit directory");
            File.Delete(final);
        }
        else if (Directory.Exists(final))
        {
            // A directory without its marker was not made by a finished extraction (or was damaged).
            log.Line($"removing incomplete unit directory {final}");
            TreeRemover.Remove(final, log);
        }

        var work = layout.NewUnitWorkDir(key);
        try
        {
            EnsureDirectory(work);
            UnitTreeWriter.Write(app, unitIndex, Path.Combine(work, CacheLayout.UnitFilesDirectory));
            WriteMarker(Path.Combine(work, CacheLayout.CompleteMarker), Marker(unit, unitIndex));
            Directory.Move(work, final);
            log.Line($"unit {key[..12]} ({unit.Name}) extracted: {unitIndex.Entries.Count} entries");
            return true;
        }
        catch (Exception e)
        {
            TryRemove(work);
            throw Translate(e, work);
        }
    }

    private static string Marker(UnitDescriptor unit, UnitIndex index) =>
        $"format=1\nkey={unit.KeyHex}\nname={unit.Name}\nentries={index.Entries.Count}\nbytes={index.StreamLength}\n";

    /// <summary>Like every file Satchel creates, the marker is 0600 (File.WriteAllText would give 0666 minus the umask).</summary>
    private static void WriteMarker(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private void TryRemove(string work)
    {
        try
        {
            TreeRemover.Remove(work, log);
        }
        catch (Exception e)
        {
            // The next holder of the lock removes it; the original error is the one to report.
            log.Line($"could not remove work directory {work}: {e.Message}");
        }
    }

    /// <summary>Turns file-system failures during extraction into one user-facing line.</summary>
    private static Exception Translate(Exception e, string work) => e switch
    {
        SatchelException => e,
        IOException io when IoErrors.IsDiskFull(io) => new SatchelException(ExitCodes.CantCreate,
            $"no space left on the device while extracting into {Path.GetDirectoryName(work)}; free space there or set SATCHEL_ROOT to another disk", e),
        IOException or UnauthorizedAccessException => new SatchelException(ExitCodes.CantCreate,
            $"cannot extract into {Path.GetDirectoryName(work)}: {e.Message}; check the cache directory or set SATCHEL_ROOT", e),
        _ => e,
    };

    public static void EnsureDirectory(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                // The mode applies to the last directory only; missing parents (the schema
                // directory) would get 0777 minus the umask.
                if (Path.GetDirectoryName(path) is { } parent && !Directory.Exists(parent))
                {
                    EnsureDirectory(parent);
                }

                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"cannot create directory {path}: {e.Message}; check the cache directory or set SATCHEL_ROOT", e);
        }
    }
}
