using Satchel.Build.Packing;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python.Entry;

/// <summary>One unit's entries as a small read-only file system: what is at a path, what a directory holds.</summary>
internal sealed class UnitView
{
    private readonly Dictionary<string, SourceEntry> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);

    public UnitView(IEnumerable<SourceEntry> entries)
    {
        foreach (var entry in entries)
        {
            _byPath[entry.Path] = entry;
            var slash = entry.Path.LastIndexOf('/');
            var parent = slash < 0 ? string.Empty : entry.Path[..slash];
            if (!_children.TryGetValue(parent, out var names))
            {
                _children[parent] = names = [];
            }

            names.Add(entry.Path[(slash + 1)..]);
        }
    }

    public SourceEntry? At(string path) => _byPath.GetValueOrDefault(path);

    public bool IsDirectory(string path) => path.Length == 0 || At(path)?.Kind == EntryKind.Directory;

    /// <summary>A file, or a symlink (a module may be one; where it leads stays inside the unit).</summary>
    public bool IsFile(string path) => At(path)?.Kind is EntryKind.File or EntryKind.Symlink;

    public IReadOnlyList<string> Children(string directory) => _children.GetValueOrDefault(directory) ?? [];

    public static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;
}
