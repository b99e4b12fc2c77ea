using System.Text.RegularExpressions;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Bundling;

/// <summary>
/// A relocatable CPython on disk in the layout of python-build-standalone's "install_only"
/// builds: `bin/python3.X` (possibly reached through `bin/python3 → python3.X`) beside
/// `lib/python3.X/os.py`. Knows only what the files say: the interpreter's binary (a regular file
/// inside the tree, symlinks followed), its major.minor and ABI flags from the names, and the full
/// version from `include/python3.X/patchlevel.h` when the tree has one.
/// </summary>
public sealed partial record RelocatablePythonTree(string Root, string Binary, string MajorMinor, string AbiFlags, string? PatchLevelVersion)
{
    /// <summary>The binary's full path on disk.</summary>
    public string BinaryPath => Path.Combine(Root, Binary);

    /// <summary>
    /// The tree at <paramref name="root"/>, or the one directory inside it that holds it (an
    /// archive's top-level "python/"); a data error (exit 65) naming what is missing otherwise.
    /// </summary>
    public static RelocatablePythonTree Find(string root, string shownAs)
    {
        if (!Directory.Exists(Path.Combine(root, "bin")) && Directory.GetDirectories(root) is [var only] && Directory.GetFiles(root).Length == 0)
        {
            root = only;
        }

        var bin = Path.Combine(root, "bin");
        var candidates = Directory.Exists(bin)
            ? Directory.EnumerateFileSystemEntries(bin).Select(Path.GetFileName).OfType<string>()
                .Select(name => VersionedName().Match(name)).Where(m => m.Success)
                .OrderByDescending(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];
        foreach (var match in candidates)
        {
            var stdlib = Path.Combine(root, "lib", "python3." + match.Groups[1].Value + match.Groups[2].Value);
            if (!File.Exists(Path.Combine(stdlib, "os.py")))
            {
                continue;
            }

            var binary = FollowLinks(root, "bin/" + match.Value, shownAs);
            var majorMinor = "3." + match.Groups[1].Value;
            return new RelocatablePythonTree(root, binary, majorMinor, match.Groups[2].Value, PatchLevel(root, majorMinor + match.Groups[2].Value));
        }

        var found = candidates.Count == 0 ? "it has no bin/python3.X" : $"it has {string.Join(", ", candidates.Select(m => "bin/" + m.Value))} but no lib/python3.X/os.py beside it";
        throw new SatchelException(ExitCodes.Data,
            $"--bundle-python {shownAs} is not a relocatable CPython: {found}; pass the directory (or .tar.gz) of a python-build-standalone install_only build, with bin/python3.X and lib/python3.X");
    }

    /// <summary>The regular file a path inside the tree ends at, following symlinks only while they stay inside the tree.</summary>
    private static string FollowLinks(string root, string relative, string shownAs)
    {
        var fullRoot = Path.GetFullPath(root);
        var path = Path.Combine(fullRoot, relative);
        for (var hops = 0; hops < 40; hops++)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not { } target)
            {
                if (!info.Exists)
                {
                    break;
                }

                return Path.GetRelativePath(fullRoot, path).Replace('\\', '/');
            }

            path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target));
            if (!path.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new SatchelException(ExitCodes.Data,
                    $"--bundle-python {shownAs}: {relative} leads outside the tree (to {path}); a bundled interpreter must be self-contained");
            }
        }

        throw new SatchelException(ExitCodes.Data, $"--bundle-python {shownAs}: {relative} does not lead to a file (a dangling or looping symlink)");
    }

    /// <summary>PY_VERSION from the C headers, e.g. "3.11.9"; null when the tree has none.</summary>
    private static string? PatchLevel(string root, string name)
    {
        var header = Path.Combine(root, "include", "python" + name, "patchlevel.h");
        if (!File.Exists(header))
        {
            return null;
        }

        var match = PyVersion().Match(File.ReadAllText(header));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^python3\.(\d+)(t?)$")]
    private static partial Regex VersionedName();

    [GeneratedRegex("#define\\s+PY_VERSION\\s+\"([0-9][0-9A-Za-z.+]*)\"")]
    private static partial Regex PyVersion();
}
