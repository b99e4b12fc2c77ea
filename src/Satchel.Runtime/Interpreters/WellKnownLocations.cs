namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Places where Pythons are installed without necessarily being on PATH: every pyenv version
/// ($PYENV_ROOT/versions/*/bin/python3.X), every uv-managed Python (&lt;uv root&gt;/*/bin/python3.X
/// and python3), and the system directories (python3.X and python3). Ordered highest version first,
/// judged by the install directory's or the file's name, so that probing can stop at the first match.
/// </summary>
internal static class WellKnownLocations
{
    public static List<KnownPlace> Find(InterpreterEnvironment environment)
    {
        var found = new List<KnownPlace>();
        if (environment.PyenvRoot is { } pyenvRoot)
        {
            foreach (var versionDir in PyenvShims.InstalledVersions(pyenvRoot))
            {
                AddFrom(found, Path.Combine(versionDir, "bin"), "pyenv", Path.GetFileName(versionDir), unversioned: false);
            }
        }

        if (environment.UvPythonRoot is { } uvRoot)
        {
            foreach (var installDir in Subdirectories(uvRoot))
            {
                AddFrom(found, Path.Combine(installDir, "bin"), "uv", Path.GetFileName(installDir), unversioned: true);
            }
        }

        foreach (var pattern in environment.SystemDirectories)
        {
            foreach (var directory in Expand(pattern))
            {
                AddFrom(found, directory, "system", string.Empty, unversioned: true);
            }
        }

        // Equal hints keep the order above (pyenv, uv, system).
        KnownPlace.SortByHint(found);
        return found;
    }

    private static void AddFrom(List<KnownPlace> found, string directory, string source, string installName, bool unversioned)
    {
        foreach (var name in PythonNames.Versioned(directory))
        {
            found.Add(new KnownPlace(Path.Combine(directory, name), source, PythonNames.VersionHint(installName, name)));
        }

        if (unversioned)
        {
            var path = Path.Combine(directory, PythonNames.Unversioned[0]);
            if (File.Exists(path))
            {
                // python3 says nothing about its version; the file it links to usually does.
                var target = CandidateFile.RealPath(path);
                found.Add(new KnownPlace(path, source, PythonNames.VersionHint(installName, target is null ? string.Empty : Path.GetFileName(target))));
            }
        }
    }

    /// <summary>A directory pattern with at most one "*" inside one segment, as in /opt/python*/bin.</summary>
    internal static List<string> Expand(string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return Directory.Exists(pattern) ? [pattern] : [];
        }

        var segmentStart = pattern.LastIndexOf('/', star) + 1;
        var segmentEnd = pattern.IndexOf('/', star);
        var parent = pattern[..Math.Max(segmentStart - 1, 1)];
        var segment = segmentEnd < 0 ? pattern[segmentStart..] : pattern[segmentStart..segmentEnd];
        var rest = segmentEnd < 0 ? string.Empty : pattern[(segmentEnd + 1)..];
        try
        {
            var matches = Directory.GetDirectories(parent, segment);
            Array.Sort(matches, StringComparer.Ordinal);
            var directories = new List<string>();
            foreach (var match in matches)
            {
                var directory = rest.Length == 0 ? match : Path.Combine(match, rest);
                if (Directory.Exists(directory))
                {
                    directories.Add(directory);
                }
            }

            return directories;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string[] Subdirectories(string root)
    {
        try
        {
            return Directory.GetDirectories(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
