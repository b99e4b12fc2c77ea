using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// Assembles one unit's entries from several places on disk (a directory mounted under a
/// prefix, single files) without copying anything: entries keep their disk paths. Refuses two
/// sources that would put different things at the same path, naming both.
/// </summary>
public sealed class UnitTreeBuilder
{
    private readonly Dictionary<string, (SourceEntry Entry, string Origin)> _entries = new(StringComparer.Ordinal);

    /// <summary>Adds every entry of <paramref name="directory"/> under <paramref name="prefix"/> ("" for the unit root).</summary>
    public void AddDirectory(string directory, string prefix, PackExclusions? exclusions = null)
    {
        AddParents(prefix);
        if (prefix.Length > 0)
        {
            Add(SourceEntry.Directory(prefix), directory);
        }

        foreach (var entry in SourceTreeScanner.Scan(directory, exclusions))
        {
            Add(entry with { Path = Join(prefix, entry.Path) }, Path.Combine(directory, entry.Path));
        }
    }

    /// <summary>Adds one file at <paramref name="path"/> inside the unit.</summary>
    public void AddFile(string diskPath, string path)
    {
        if (!File.Exists(diskPath))
        {
            throw new SatchelException(ExitCodes.NoInput, $"{diskPath}: no such file");
        }

        AddParents(path);
        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(diskPath) & UnixFileMode.UserExecute) != 0;
        Add(SourceEntry.File(path, Path.GetFullPath(diskPath), executable), diskPath);
    }

    /// <summary>Adds a file or a directory (see <see cref="AddDirectory"/>) at <paramref name="path"/>.</summary>
    public void AddPath(string diskPath, string path, PackExclusions? exclusions = null)
    {
        if (Directory.Exists(diskPath))
        {
            AddDirectory(diskPath, path, exclusions);
        }
        else
        {
            AddFile(diskPath, path);
        }
    }

    public List<SourceEntry> Build() =>
        [.. _entries.Values.Select(v => v.Entry).OrderBy(e => e.Path, StringComparer.Ordinal)];

    /// <summary>Adds a directory entry for every proper ancestor of <paramref name="path"/> ("a" and "a/b" for "a/b/c").</summary>
    private void AddParents(string path)
    {
        if (path.Length == 0)
        {
            return;
        }

        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var parent = string.Join('/', parts[..i]);
            _entries.TryAdd(parent, (SourceEntry.Directory(parent), "(parent directory)"));
        }
    }

    private void Add(SourceEntry entry, string origin)
    {
        try
        {
            EntryPathRules.Check(entry.Path);
        }
        catch (FormatViolationException e)
        {
            throw new SatchelException(ExitCodes.Usage, $"cannot place {origin} in the app: {e.Message}");
        }

        if (_entries.TryGetValue(entry.Path, out var existing))
        {
            if (existing.Entry.Kind == EntryKind.Directory && entry.Kind == EntryKind.Directory)
            {
                return;
            }

            throw new SatchelException(ExitCodes.Usage,
                $"'{entry.Path}' in the app would come from both {existing.Origin} and {origin}; rename one or give --include a different destination");
        }

        _entries.Add(entry.Path, (entry, origin));
    }

    private static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "/" + path;
}
