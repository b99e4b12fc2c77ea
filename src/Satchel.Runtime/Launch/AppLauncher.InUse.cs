using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Launch;

/// <summary>
/// The launcher's part in managing the cache (docs/cache-layout.md, "In use and last use"): the
/// shared in-use locks that survive the exec, the last-use record, and SATCHEL_VERIFY repairs.
/// </summary>
public static partial class AppLauncher
{
    /// <summary>
    /// A prune that removes a unit between our lock-then-check and our extraction makes us extract
    /// again; more rounds than this means something removes the cache as fast as we fill it.
    /// </summary>
    private const int MaxHoldRounds = 3;

    /// <summary>
    /// Locks every unit shared and checks its marker (the warm path: an open, a flock and a stat
    /// per unit), extracts the missing ones, and locks those in turn.
    /// </summary>
    /// <param name="only">For an app built for several interpreters, the units of the chosen set (<see cref="PayloadHeader.SetUnits"/>); null: every unit.</param>
    private static void HoldUnitsInUse(AppFile app, CacheLayout layout, InUseLocks inUse, Log log, bool[]? only = null)
    {
        var pending = only is null ? app.Header.Units : Only(app.Header.Units, only);
        List<UnitDescriptor>? predateBoot = null;
        for (var round = 0; ; round++)
        {
            List<UnitDescriptor>? missing = null;
            foreach (var unit in pending)
            {
                if (unit.Kind == UnitKind.Bytecode)
                {
                    continue; // installed into its target's tree, not a directory of its own
                }

                switch (inUse.HoldIfComplete(layout.UnitDir(unit.KeyHex)))
                {
                    case Completion.Missing:
                        (missing ??= []).Add(unit);
                        break;
                    case Completion.PredatesBoot:
                        (predateBoot ??= []).Add(unit);
                        break;
                }
            }

            if (missing is null)
            {
                log.Line(round == 0 ? "hit: every unit is cached" : "every unit is extracted");
                break;
            }

            CheckRound(round, layout.UnitsDir);
            if (layout.ReadOnly)
            {
                throw ReadOnlyCacheException.For(layout, $"{missing.Count} of the app's {SourceUnitCount(app.Header)} units ({missing[0].Name}, {layout.UnitDir(missing[0].KeyHex)})", layout.UnitDir(missing[0].KeyHex));
            }

            log.Line($"miss: {missing.Count} of {SourceUnitCount(app.Header)} units to extract");
            if (round == 0 && Sha256Hash.UsesManagedCode)
            {
                log.Line("no usable libcrypto: SHA-256 in managed code");
            }

            Extract(app, layout, missing, log);
            pending = missing;
        }

        if (Settings.Flag(SatchelVariables.Verify))
        {
            CachedUnitRepair.Run(app, layout, log, only);
        }
        else if (predateBoot is not null)
        {
            RebootCheck.Units(app, layout, predateBoot, log);
        }
    }

    private static List<UnitDescriptor> Only(IReadOnlyList<UnitDescriptor> units, bool[] only)
    {
        var chosen = new List<UnitDescriptor>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            if (only[i])
            {
                chosen.Add(units[i]);
            }
        }

        return chosen;
    }

    /// <summary>The units that have a directory of their own (bytecode units are installed into those).</summary>
    private static int SourceUnitCount(PayloadHeader header)
    {
        var count = 0;
        foreach (var unit in header.Units)
        {
            count += unit.Kind == UnitKind.Bytecode ? 0 : 1;
        }

        return count;
    }

    private static void CheckRound(int round, string where)
    {
        if (round >= MaxHoldRounds)
        {
            throw new SatchelException(ExitCodes.TempFail,
                $"{where} was removed {MaxHoldRounds} times while this app started (is `satchel cache purge` running in a loop?); try again");
        }
    }

    /// <summary>One utimensat on the app's use record; prune reads it as the last use of the app's units and venvs.</summary>
    private static void RecordUse(AppFile app, CacheLayout layout, string userPath, Log log)
    {
        if (!layout.ReadOnly)
        {
            AppUseRecord.Touch(layout, app.Trailer.AppIdHex, app.Header, userPath, log);
        }
    }
}
