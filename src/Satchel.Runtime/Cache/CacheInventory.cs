using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Lists the units, venvs and build cache entries under a cache root with their sizes, last use and users, from the
/// directories themselves and the apps' use records (<see cref="AppUseRecord"/>). Read-only; it
/// takes no lock, so what it reports may change while it runs.
/// </summary>
public static class CacheInventory
{
    private const int KeyHexLength = 64;
    private const int AppIdHexLength = 32;

    public static List<CacheEntry> List(CacheLayout layout)
    {
        var records = AppUseRecord.ReadAll(layout);
        var entries = new List<CacheEntry>();
        if (Directory.Exists(layout.UnitsDir))
        {
            foreach (var dir in new DirectoryInfo(layout.UnitsDir).EnumerateDirectories())
            {
                if (dir.Name.Length == KeyHexLength && AppUseRecord.IsHex(dir.Name) && dir.LinkTarget is null)
                {
                    entries.Add(Describe(CacheEntryKind.Unit, dir, records, r => Names(r, dir.Name)));
                }
            }
        }

        if (Directory.Exists(layout.VenvsDir))
        {
            foreach (var dir in new DirectoryInfo(layout.VenvsDir).EnumerateDirectories())
            {
                if (dir.Name.Length > AppIdHexLength && dir.Name[AppIdHexLength] == '-' && AppUseRecord.IsHex(dir.Name[..AppIdHexLength])
                    && !dir.Name.Contains(AtomicDirectory.WorkInfix, StringComparison.Ordinal) && !dir.Name.Contains(AtomicDirectory.RepairInfix, StringComparison.Ordinal)
                    && !dir.Name.Contains(Tombstone.Infix, StringComparison.Ordinal)
                    && dir.LinkTarget is null)
                {
                    entries.Add(Describe(CacheEntryKind.Venv, dir, records, r => dir.Name.StartsWith(r.AppId + "-", StringComparison.Ordinal)));
                }
            }
        }

        if (Directory.Exists(layout.BuildDir))
        {
            foreach (var kind in new DirectoryInfo(layout.BuildDir).EnumerateDirectories())
            {
                foreach (var dir in kind.EnumerateDirectories())
                {
                    if (dir.Name.Length == KeyHexLength && AppUseRecord.IsHex(dir.Name) && dir.LinkTarget is null)
                    {
                        // No app names a build entry: its last use is its marker's time, which each build that uses it sets.
                        entries.Add(Describe(CacheEntryKind.Build, dir, [], _ => false));
                    }
                }
            }
        }

        return entries;
    }

    private static bool Names(AppUseRecord record, string key)
    {
        foreach (var unit in record.UnitKeys)
        {
            if (unit == key)
            {
                return true;
            }
        }

        return false;
    }

    private static CacheEntry Describe(CacheEntryKind kind, DirectoryInfo dir, List<AppUseRecord> records, Func<AppUseRecord, bool> uses)
    {
        var marker = new FileInfo(Path.Combine(dir.FullName, AtomicDirectory.CompleteMarker));
        var lastUse = marker.Exists ? marker.LastWriteTimeUtc : dir.LastWriteTimeUtc;
        var apps = new List<string>();
        foreach (var record in records)
        {
            if (uses(record))
            {
                apps.Add(record.Name.Length > 0 ? record.Name : record.AppId);
                if (record.LastUseUtc > lastUse)
                {
                    lastUse = record.LastUseUtc;
                }
            }
        }

        return new CacheEntry(kind, dir.Name, dir.FullName, MarkerName(marker, kind), marker.Exists, TreeSize(dir), lastUse, apps);
    }

    /// <summary>The unit's name from its marker ("flask 3.0.0"), the venv's interpreter, or what a build cache entry holds ("installed wheel flask-3.0.0-py3-none-any.whl").</summary>
    private static string MarkerName(FileInfo marker, CacheEntryKind kind)
    {
        if (!marker.Exists)
        {
            return "(incomplete)";
        }

        try
        {
            var field = kind == CacheEntryKind.Venv ? "interpreter=" : "name=";
            foreach (var line in File.ReadLines(marker.FullName))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return line[field.Length..];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed while we read: shown without a name.
        }

        return string.Empty;
    }

    /// <summary>Bytes of the regular files under <paramref name="dir"/>, without following links.</summary>
    public static long TreeSize(DirectoryInfo dir)
    {
        long total = 0;
        try
        {
            foreach (var child in dir.EnumerateFileSystemInfos())
            {
                if (child.LinkTarget is not null)
                {
                    continue;
                }

                total += child switch
                {
                    FileInfo file => file.Length,
                    DirectoryInfo sub => TreeSize(sub),
                    _ => 0,
                };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Changed while we walked it: the size is a best effort.
        }

        return total;
    }
}
