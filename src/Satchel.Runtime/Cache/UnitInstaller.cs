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
    public static bool IsComplete(CacheLayout layout, UnitDescriptor unit) => File.Exists(layout.UnitMarker(unit.KeyHex));

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

        foreach (var stale in layout.StaleUnitWorkDirs(key).ToList())
        {
            // Our work directory has a unique name, so a leftover that will not go is only logged.
            log.Line($"removing leftover work directory {stale}");
            TreeRemover.TryRemove(stale, out _, log);
        }

        var final = layout.UnitDir(key);
        if (Directory.Exists(final))
        {
            // A directory without its marker was not made by a finished extraction (or was damaged).
            // Moving it aside is enough to proceed; only a tree that could not even be moved blocks us.
            log.Line($"removing incomplete unit directory {final}");
            if (!TreeRemover.TryRemove(final, out var failure, log) && !failure.RequestedPathFreed)
            {
                throw failure;
            }
        }

        var work = layout.NewUnitWorkDir(key);
        try
        {
            EnsureDirectory(work);
            UnitTreeWriter.Write(app, unitIndex, Path.Combine(work, CacheLayout.UnitFilesDirectory));
            File.WriteAllText(Path.Combine(work, CacheLayout.CompleteMarker), Marker(unit, unitIndex), Encoding.UTF8);
            if (DirectoryMover.Move(work, final, log) == MoveOutcome.DestinationExists)
            {
                return UseTheWinnersCopy(unit, work, final);
            }

            log.Line($"unit {key[..12]} ({unit.Name}) extracted: {unitIndex.Entries.Count} entries");
            return true;
        }
        catch (Exception e)
        {
            TryRemove(work);
            throw Translate(e, work);
        }
    }

    /// <summary>
    /// The unit appeared while we extracted: a process that does not honour our lock (another
    /// machine on a network file system, an older satchel) finished first. Its complete copy is
    /// as good as ours; anything else at the final path is an error.
    /// </summary>
    private bool UseTheWinnersCopy(UnitDescriptor unit, string work, string final)
    {
        if (!IsComplete(layout, unit))
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"cannot move the extracted unit into {final}: something else appeared there; remove it or set SATCHEL_ROOT to another directory");
        }

        log.Line($"unit {unit.KeyHex[..12]} appeared at {final} while we extracted; using that copy");
        TryRemove(work);
        return false;
    }

    private static string Marker(UnitDescriptor unit, UnitIndex index) =>
        $"format=1\nkey={unit.KeyHex}\nname={unit.Name}\nentries={index.Entries.Count}\nbytes={index.StreamLength}\n";

    private void TryRemove(string work)
    {
        // The next holder of the lock removes a leftover; TryRemove has logged what stayed.
        TreeRemover.TryRemove(work, out _, log);
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
