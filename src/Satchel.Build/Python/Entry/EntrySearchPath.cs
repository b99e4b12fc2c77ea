using Satchel.Build.Packing;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python.Entry;

/// <summary>
/// The app's sys.path at run time, as packed units: each unit path in order (`--sources`, then
/// each wheel's site-packages), then the directories their `.pth` files add (site.addsitedir runs
/// them after every unit directory; `import` lines are code and are not run).
/// </summary>
internal static class EntrySearchPath
{
    public static List<SearchRoot> Of(IReadOnlyList<UnitSource> units, IEnumerable<UnitPath> paths)
    {
        var views = new Dictionary<int, UnitView>();
        var roots = new List<SearchRoot>();
        foreach (var path in paths)
        {
            if (!views.TryGetValue(path.Unit, out var view))
            {
                views[path.Unit] = view = new UnitView(units[path.Unit].Entries);
            }

            roots.Add(new SearchRoot(view, path.Directory, units[path.Unit].Kind == UnitKind.App ? "--sources" : $"wheel {units[path.Unit].Name}"));
        }

        var added = new List<SearchRoot>();
        foreach (var root in roots)
        {
            foreach (var pth in root.Unit.Children(root.Directory).Where(c => c.EndsWith(".pth", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                if (root.Unit.At(UnitView.Join(root.Directory, pth))?.DiskPath is not { } disk)
                {
                    continue;
                }

                foreach (var line in File.ReadLines(disk).Select(l => l.Trim()))
                {
                    if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("import ", StringComparison.Ordinal) || line.StartsWith("import\t", StringComparison.Ordinal) || Path.IsPathRooted(line))
                    {
                        continue;
                    }

                    var directory = Normalize(UnitView.Join(root.Directory, line.Replace('\\', '/')));
                    if (directory is not null && root.Unit.IsDirectory(directory))
                    {
                        added.Add(new SearchRoot(root.Unit, directory, $"{root.Description} ({pth})"));
                    }
                }
            }
        }

        return [.. roots, .. added];
    }

    /// <summary>Resolves "." and ".." inside a unit; null when the path leaves the unit.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
