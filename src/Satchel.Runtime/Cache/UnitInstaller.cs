using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Puts units into the cache exactly once (see <see cref="AtomicDirectory"/>), checking before
/// extraction that the unit's index really has the key it claims, and every file's hash while
/// writing it.
/// </summary>
public sealed class UnitInstaller(CacheLayout layout, Log log)
{
    public static bool IsComplete(CacheLayout layout, UnitDescriptor unit) => AtomicDirectory.IsCompleteAt(layout.UnitDir(unit.KeyHex));

    /// <summary>Makes sure <paramref name="unit"/> is complete in the cache; returns true if this call extracted it.</summary>
    public bool Ensure(AppFile app, UnitDescriptor unit, Func<UnitIndex> index)
    {
        var key = unit.KeyHex;
        return new AtomicDirectory(layout.UnitDir(key), log).Ensure(work =>
        {
            var unitIndex = index();
            if (!UnitKey.Compute(unitIndex.Entries).AsSpan().SequenceEqual(unit.Key))
            {
                throw new CorruptPayloadException(app.Path, $"unit '{unit.Name}' does not match its key {key[..12]}");
            }

            UnitTreeWriter.Write(app, unitIndex, Path.Combine(work, CacheLayout.UnitFilesDirectory));
            log.Line($"unit {key[..12]} ({unit.Name}) extracted: {unitIndex.Entries.Count} entries");
            return $"format=1\nkey={key}\nname={unit.Name}\nentries={unitIndex.Entries.Count}\nbytes={unitIndex.StreamLength}\n";
        });
    }
}
