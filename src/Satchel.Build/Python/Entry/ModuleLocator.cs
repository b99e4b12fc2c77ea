using System.Text.RegularExpressions;

namespace Satchel.Build.Python.Entry;

/// <summary>
/// Finds a dotted module on the app's path the way importlib.machinery.PathFinder would, from the
/// packed units' entries alone (nothing is imported, no interpreter is needed): in each path
/// entry a directory with an __init__ is a package, else an extension module, NAME.py or NAME.pyc
/// in that order (FileFinder's), and directories without __init__ found in any entry together
/// form a namespace package. Submodules are searched in the parent's directories only.
/// </summary>
internal static partial class ModuleLocator
{
    /// <summary>The module, or null with the first dotted prefix that was not found (or is not a package) in <paramref name="missing"/>.</summary>
    public static ModuleLocation? Locate(string dotted, IReadOnlyList<SearchRoot> roots, out string missing)
    {
        var parts = dotted.Split('.');
        ModuleLocation? current = null;
        var searchIn = roots;
        for (var i = 0; i < parts.Length; i++)
        {
            var name = string.Join('.', parts[..(i + 1)]);
            if (current is { IsPackage: false })
            {
                missing = name;
                return null;
            }

            current = Find(name, parts[i], searchIn);
            if (current is null)
            {
                missing = name;
                return null;
            }

            searchIn = current.SubmoduleRoots;
        }

        missing = string.Empty;
        return current;
    }

    private static ModuleLocation? Find(string name, string part, IReadOnlyList<SearchRoot> roots)
    {
        var portions = new List<SearchRoot>();
        foreach (var root in roots)
        {
            var directory = UnitView.Join(root.Directory, part);
            if (root.Unit.IsDirectory(directory))
            {
                if (ModuleFile(root.Unit, directory, "__init__") is { } init)
                {
                    var inside = new SearchRoot(root.Unit, directory, root.Description);
                    return new ModuleLocation(name, init.Kind, true, $"{directory}/ in {root.Description}", init.File, [inside]);
                }

                portions.Add(new SearchRoot(root.Unit, directory, root.Description));
            }

            if (ModuleFile(root.Unit, root.Directory, part) is { } module)
            {
                return new ModuleLocation(name, module.Kind, false, $"{module.Path} in {root.Description}", module.File, []);
            }
        }

        return portions.Count == 0
            ? null
            : new ModuleLocation(name, ModuleKind.Namespace, true, string.Join(", ", portions.Select(p => $"{p.Directory}/ in {p.Description}")), null, portions);
    }

    /// <summary>NAME as an extension, source or bytecode file in <paramref name="directory"/>, in FileFinder's order.</summary>
    private static (ModuleKind Kind, string Path, Packing.SourceEntry? File)? ModuleFile(UnitView unit, string directory, string name)
    {
        var children = unit.Children(directory);
        var extension = children.FirstOrDefault(c => c.StartsWith(name + ".", StringComparison.Ordinal) && ExtensionSuffix().IsMatch(c[name.Length..]));
        if (extension is not null && unit.IsFile(UnitView.Join(directory, extension)))
        {
            var path = UnitView.Join(directory, extension);
            return (ModuleKind.Extension, path, unit.At(path));
        }

        foreach (var (suffix, kind) in new[] { (".py", ModuleKind.Source), (".pyc", ModuleKind.Bytecode) })
        {
            var path = UnitView.Join(directory, name + suffix);
            if (unit.IsFile(path))
            {
                return (kind, path, unit.At(path));
            }
        }

        return null;
    }

    /// <summary>Any platform's extension suffix (cross-builds): ".so", ".pyd", ".abi3.so", ".cpython-311-aarch64-linux-gnu.so", ".cp311-win_amd64.pyd".</summary>
    [GeneratedRegex(@"^(\.[A-Za-z0-9_\-]+)?\.(so|pyd)$")]
    private static partial Regex ExtensionSuffix();
}
