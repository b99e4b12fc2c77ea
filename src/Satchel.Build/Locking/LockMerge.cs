using Satchel.Build.Resolution;

namespace Satchel.Build.Locking;

/// <summary>
/// One lock from the resolutions of several interpreters (`satchel lock --python A --python B`):
/// a package every interpreter resolved to the same wheel (or directory) is written once without a
/// marker; any other gets a marker naming the versions that resolved it
/// (<see cref="PythonVersionMarker"/>), so `build --lock` gives each interpreter its own
/// resolution back. requires-python admits exactly the locked major.minor versions.
/// </summary>
public static class LockMerge
{
    public static PylockDocument Merge(IReadOnlyList<(BuildInterpreter Interpreter, PylockDocument Document)> resolutions)
    {
        var versions = resolutions.Select(r => PythonVersionMarker.Of(r.Interpreter)).ToList();
        var packages = new List<LockedPackage>();
        var seen = new Dictionary<LockedPackage, List<string>>();
        foreach (var (interpreter, document) in resolutions)
        {
            foreach (var package in document.Packages)
            {
                if (!seen.TryGetValue(package, out var owners))
                {
                    owners = [];
                    seen[package] = owners;
                    packages.Add(package);
                }

                owners.Add(PythonVersionMarker.Of(interpreter));
            }
        }

        var marked = packages.Select(p => seen[p].Count == versions.Count ? p : p with { Marker = PythonVersionMarker.For(seen[p]) }).ToList();
        return new PylockDocument(PylockDocument.CurrentLockVersion, RequiresPython(resolutions.Select(r => r.Interpreter.Version).ToList()), PylockDocument.Creator, marked);
    }

    /// <summary>
    /// PEP 440 for exactly these major.minor versions: `==3.11.*` for one; for several of one major
    /// `>=3.9,<3.14,!=3.10.*,!=3.12.*` (the range, minus the versions between that were not locked).
    /// </summary>
    public static string RequiresPython(IReadOnlyList<Version> interpreters)
    {
        var minors = interpreters.Select(v => (v.Major, v.Minor)).Distinct().OrderBy(v => v.Major).ThenBy(v => v.Minor).ToList();
        if (minors.Count == 1)
        {
            return $"=={minors[0].Major}.{minors[0].Minor}.*";
        }

        if (minors.Select(m => m.Major).Distinct().Count() > 1)
        {
            return string.Empty; // Python 2 and 3 in one lock: the markers alone decide
        }

        var (major, low, high) = (minors[0].Major, minors[0].Minor, minors[^1].Minor);
        var gaps = Enumerable.Range(low, high - low + 1).Where(m => !minors.Contains((major, m))).Select(m => $",!={major}.{m}.*");
        return $">={major}.{low},<{major}.{high + 1}" + string.Concat(gaps);
    }
}
