using Satchel.Runtime.Files;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// pyenv's shims are bash scripts that ask pyenv which version to run. Running one costs tens of
/// milliseconds and may print pyenv's own errors, so a shim is resolved here instead, to
/// $PYENV_ROOT/versions/&lt;version&gt;/bin/&lt;name&gt;:
/// the versions pyenv would pick (PYENV_VERSION, else the global version file) first; for a
/// versioned name such as python3.12, any version that has it when those do not (the name
/// already says which Python is meant). "system" is skipped: that Python is found on PATH anyway.
/// A directory's .python-version is not read, so the choice does not depend on where an app is started.
/// The build resolves its default `python3` the way the user's shell would instead (with `pyenv
/// which`, or pyenv's version files including .python-version: Satchel.Build's PyenvShim), but
/// tells a shim by this same rule.
/// </summary>
public static class PyenvShims
{
    private const string RootExport = "export PYENV_ROOT=\"";

    /// <summary>
    /// A shim as `pyenv rehash` writes it: it exports the PYENV_ROOT it belongs to and hands over
    /// with `exec ".../pyenv" exec "$program"`. Merely mentioning pyenv (a wrapper around a pyenv
    /// Python) does not make a script a shim.
    /// </summary>
    internal static bool IsShim(string? scriptHead) =>
        scriptHead is not null
        && scriptHead.Contains(RootExport, StringComparison.Ordinal)
        && scriptHead.Contains("pyenv\" exec ", StringComparison.Ordinal);

    /// <summary>Whether the file at <paramref name="path"/> is a pyenv shim (<see cref="IsShim(string?)"/>), read without running it.</summary>
    public static bool IsShimFile(string path) => File.Exists(path) && IsShim(CandidateFile.ScriptHead(path));

    /// <summary>The PYENV_ROOT a shim was written for (it may differ from this process's), else the environment's.</summary>
    internal static string? RootOf(string scriptHead, InterpreterEnvironment environment)
    {
        var start = scriptHead.IndexOf(RootExport, StringComparison.Ordinal) + RootExport.Length;
        var end = scriptHead.IndexOf('"', start);
        return end > start && !scriptHead.AsSpan(start, end - start).ContainsAny('$', '`') ? scriptHead[start..end] : environment.PyenvRoot;
    }

    /// <summary>The binaries a shim named <paramref name="name"/> stands for, best first, with the version each belongs to.</summary>
    internal static List<KnownPlace> Resolve(string name, string? root, InterpreterEnvironment environment)
    {
        if (root is null)
        {
            return [];
        }

        var versions = Path.Combine(root, "versions");
        var found = new List<KnownPlace>();
        foreach (var version in SelectedVersions(environment, root))
        {
            var path = Path.Combine(versions, version, "bin", name);
            if (version != "system" && File.Exists(path))
            {
                found.Add(new KnownPlace(path, version));
            }
        }

        if (found.Count > 0 || PythonNames.MinorOf(name) is null)
        {
            return found;
        }

        foreach (var versionDir in InstalledVersions(root))
        {
            var path = Path.Combine(versionDir, "bin", name);
            if (File.Exists(path))
            {
                found.Add(new KnownPlace(path, Path.GetFileName(versionDir)));
            }
        }

        return found;
    }

    /// <summary>$PYENV_ROOT/versions/*, highest version first (by directory name); none if pyenv is not installed.</summary>
    internal static List<string> InstalledVersions(string root)
    {
        var versions = new List<KnownPlace>();
        try
        {
            foreach (var dir in Directory.GetDirectories(Path.Combine(root, "versions")))
            {
                versions.Add(new KnownPlace(dir, "pyenv", PythonNames.VersionHint(Path.GetFileName(dir), string.Empty)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        KnownPlace.SortByHint(versions);
        return versions.ConvertAll(v => v.Path);
    }

    /// <summary>
    /// The versions pyenv selects and what selected them, by pyenv's own rules: PYENV_VERSION
    /// (colon-separated), else, when <paramref name="localStart"/> is given, the first
    /// .python-version from there upwards, else $PYENV_ROOT/version; null when none selects one.
    /// The launcher passes no <paramref name="localStart"/> (an app must not choose its Python by
    /// where it is started); the build passes its working directory, as the user's shell would.
    /// </summary>
    public static (IReadOnlyList<string> Names, string Origin)? SelectedVersions(string root, string? pyenvVersion, string? localStart)
    {
        if (pyenvVersion is not null)
        {
            return (pyenvVersion.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), "PYENV_VERSION");
        }

        for (var directory = localStart is null ? null : new DirectoryInfo(localStart); directory is not null; directory = directory.Parent)
        {
            var file = Path.Combine(directory.FullName, ".python-version");
            if (ReadVersionFile(file) is { Count: > 0 } names)
            {
                return (names, file);
            }
        }

        var global = Path.Combine(root, "version");
        return ReadVersionFile(global) is { Count: > 0 } globalNames ? (globalNames, global) : null;
    }

    private static IEnumerable<string> SelectedVersions(InterpreterEnvironment environment, string root) =>
        SelectedVersions(root, environment.PyenvVersion, localStart: null)?.Names ?? [];

    /// <summary>A pyenv version file: the first word of each line, blank lines and # comments skipped; null when it cannot be read.</summary>
    private static List<string>? ReadVersionFile(string path)
    {
        try
        {
            var versions = new List<string>();
            foreach (var line in Utf8TextFile.ReadAllLines(path))
            {
                var words = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (words.Length > 0 && !words[0].StartsWith('#'))
                {
                    versions.Add(words[0]);
                }
            }

            return versions;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
