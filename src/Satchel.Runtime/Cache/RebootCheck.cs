using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Cache;

/// <summary>
/// The first start after a reboot, for the units whose markers were written before it. Extraction
/// does not flush (an fsync per file would make every first run several times slower), so a power
/// cut can leave a unit marked complete whose files never reached the disk: ext4's delayed
/// allocation commits the rename and the marker before the data, and such files come back empty or
/// zeroed. Each such unit is checked like `SATCHEL_VERIFY=1` checks it (type, size, executable bit,
/// SHA-256 of every entry), what differs is repaired, and the marker is touched so that later
/// starts skip the check. In a cache this process cannot write, nothing can be repaired or
/// touched: the check is the cheap one (type, size and mode from one lstat per entry), made on
/// every start, and damage is a one-line error; on a read-only mount (an image baked elsewhere)
/// there is no check at all. docs/cache-layout.md, "Power cuts".
/// </summary>
public static class RebootCheck
{
    public static void Units(AppFile app, CacheLayout layout, IReadOnlyList<UnitDescriptor> units, Log log)
    {
        app.VerifyHeader();
        var index = app.ReadIndex();
        foreach (var unit in units)
        {
            var position = PositionOf(app.Header.Units, unit);
            var unitIndex = index.Units[position];
            var dir = layout.UnitDir(unit.KeyHex);
            if (CanWriteMarker(dir))
            {
                var repaired = CachedUnitRepair.CheckUnit(app, unitIndex, position, layout, log);
                foreach (var bytecode in app.Header.Bytecode)
                {
                    // Shipped bytecode installed into this unit's tree was written as unflushed as the rest.
                    if (bytecode.Target == position)
                    {
                        repaired += CachedUnitRepair.CheckUnit(app, index.Units[bytecode.Unit], bytecode.Unit, layout, log);
                    }
                }

                TouchMarker(dir, log);
                log.Line($"unit {unit.Name} was marked before the last boot: checked every entry, {repaired} repaired");
                continue;
            }

            if (MountFlags.IsReadOnly(dir))
            {
                // A read-only mount (a container image layer, a `ro` bind) was written before it was
                // sealed, on the machine that baked it, not in a crash of this one; and checking it
                // here would cost every start (nothing can be marked as checked).
                log.Line($"unit {unit.Name} was marked before the last boot but is on a read-only mount, written before it was sealed: not checked");
                continue;
            }

            if (CachedUnitRepair.FirstMisshapen(unitIndex, layout.UnitFiles(unit.KeyHex)) is { } bad)
            {
                throw new SatchelException(ExitCodes.IoError,
                    $"cached unit '{unit.Name}' in {dir} is damaged ({EntryPathRules.Printable(bad.Path)} is not as extracted; a power cut?) and this cache cannot be written here; "
                    + "run the app once as the cache's owner (SATCHEL_VERIFY=1 repairs it), or remove the unit with `satchel cache purge`");
            }

            log.Line($"unit {unit.Name} was marked before the last boot: sizes and types checked (the cache cannot be written, so this is done on every start)");
        }
    }

    /// <summary>Whether this process may write the directory's marker (so it can repair and touch it).</summary>
    public static bool CanWriteMarker(string dir) => AccessCheck.CanWrite(Path.Combine(dir, AtomicDirectory.CompleteMarker));

    /// <summary>Sets the marker's mtime to now: the directory has been checked in this boot.</summary>
    public static void TouchMarker(string dir, Log log)
    {
        var marker = Path.Combine(dir, AtomicDirectory.CompleteMarker);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                if (LibC.UtimeNow(LibC.AT_FDCWD, marker, IntPtr.Zero, 0) != 0)
                {
                    log.Line($"cannot touch {marker}: {LibC.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
                }

                return;
            }

            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Checked all the same; the next start checks again.
            log.Line($"cannot touch {marker}: {e.Message}");
        }
    }

    private static int PositionOf(IReadOnlyList<UnitDescriptor> units, UnitDescriptor unit)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (ReferenceEquals(units[i], unit))
            {
                return i;
            }
        }

        throw new InvalidOperationException("unit not in header");
    }
}
