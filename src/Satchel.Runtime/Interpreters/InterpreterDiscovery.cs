using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Finds the interpreters a launcher may use, most preferred first, each real path once:
/// <list type="number">
/// <item>SATCHEL_PYTHON, if set, and nothing else: a path, or a command name looked up on PATH.</item>
/// <item>PATH, directory by directory: python3, python, then python3.X from the highest X down.
/// pyenv shims are resolved to the binaries they stand for, never run.</item>
/// <item>Well-known places (<see cref="WellKnownLocations"/>), highest version first.</item>
/// </list>
/// Relative and empty PATH entries are skipped: a launcher must not run a "python" that happens
/// to sit in the directory it was started from.
/// </summary>
public static class InterpreterDiscovery
{
    public static IReadOnlyList<InterpreterCandidate> Discover(InterpreterEnvironment environment, Log log) =>
        [.. Enumerate(environment, log)];

    /// <summary>
    /// The same candidates, found only as they are asked for: a selection that matches on PATH
    /// never lists /usr/bin or the pyenv versions.
    /// </summary>
    public static IEnumerable<InterpreterCandidate> Enumerate(InterpreterEnvironment environment, Log log)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in Everything(environment, log))
        {
            if (seen.Add(candidate.RealPath ?? candidate.Path))
            {
                yield return candidate;
            }
        }
    }

    private static IEnumerable<InterpreterCandidate> Everything(InterpreterEnvironment environment, Log log)
    {
        if (environment.SatchelPython is { } chosen)
        {
            foreach (var candidate in FromSatchelPython(chosen, environment, log))
            {
                yield return candidate;
            }

            yield break;
        }

        foreach (var directory in SearchDirectories(environment))
        {
            foreach (var name in PythonNames.Unversioned)
            {
                foreach (var candidate in IfPresent(Path.Combine(directory, name), environment, log))
                {
                    yield return candidate;
                }
            }

            foreach (var name in PythonNames.Versioned(directory))
            {
                foreach (var candidate in IfPresent(Path.Combine(directory, name), environment, log))
                {
                    yield return candidate;
                }
            }
        }

        foreach (var place in WellKnownLocations.Find(environment))
        {
            foreach (var candidate in Resolve(place.Path, place.Source, environment, log))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>
    /// PATH's absolute directories, each once. Loops rather than LINQ here and in the rest of
    /// Interpreters/: every LINQ iterator type costs launcher size (about 48 KB in all, measured).
    /// </summary>
    private static List<string> SearchDirectories(InterpreterEnvironment environment)
    {
        var directories = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (environment.SearchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Path.IsPathRooted(entry) && seen.Add(entry))
            {
                directories.Add(entry);
            }
        }

        return directories;
    }

    /// <summary>Like a shell: the first executable file of that name on PATH, else the first file (to report it as not executable).</summary>
    private static string? Lookup(string command, InterpreterEnvironment environment)
    {
        string? firstFile = null;
        foreach (var directory in SearchDirectories(environment))
        {
            var path = Path.Combine(directory, command);
            if (File.Exists(path))
            {
                if (OperatingSystem.IsWindows() || AccessCheck.CanExecute(path))
                {
                    return path;
                }

                firstFile ??= path;
            }
        }

        return firstFile;
    }

    private static List<InterpreterCandidate> FromSatchelPython(string chosen, InterpreterEnvironment environment, Log log)
    {
        var path = chosen.Contains(Path.DirectorySeparatorChar) || chosen.Contains('/')
            ? chosen
            : Lookup(chosen, environment);
        if (path is null)
        {
            return [new InterpreterCandidate(chosen, SatchelVariables.Python, null, "no such command on PATH")];
        }

        var resolved = Resolve(path, SatchelVariables.Python, environment, log);
        return resolved.Count > 0
            ? resolved
            : [new InterpreterCandidate(path, SatchelVariables.Python, CandidateFile.RealPath(path),
                $"a pyenv shim, and no pyenv version under {environment.PyenvRoot ?? "~/.pyenv"} provides {Path.GetFileName(path)}")];
    }

    /// <summary>A PATH entry that exists (a dangling link too, to report it).</summary>
    private static List<InterpreterCandidate> IfPresent(string path, InterpreterEnvironment environment, Log log) =>
        File.Exists(path) || new FileInfo(path).LinkTarget is not null ? Resolve(path, "PATH", environment, log) : [];

    /// <summary>The file, or what it stands for if it is a pyenv shim (nothing, if it stands for nothing).</summary>
    private static List<InterpreterCandidate> Resolve(string path, string source, InterpreterEnvironment environment, Log log)
    {
        var candidate = CandidateFile.Inspect(path, source);
        if (candidate is not { Problem: null, RealPath: { } real } || CandidateFile.ScriptHead(real) is not { } head || !PyenvShims.IsShim(head))
        {
            return [candidate];
        }

        var resolved = PyenvShims.Resolve(Path.GetFileName(path), PyenvShims.RootOf(head, environment), environment);
        log.Line($"{path} is a pyenv shim for {(resolved.Count == 0 ? "nothing installed" : string.Join(", ", resolved.ConvertAll(r => r.Source)))}");
        return resolved.ConvertAll(target => CandidateFile.Inspect(target.Path,
            source == "PATH" ? $"pyenv shim {path}, version {target.Source}" : $"{source} (pyenv shim, version {target.Source})"));
    }
}

/// <summary>
/// A possible interpreter as discovery found it.
/// </summary>
/// <param name="Path">Where it was found (a PATH entry, a pyenv version's bin directory, ...).</param>
/// <param name="Source">How it was found, for listings and errors: "SATCHEL_PYTHON", "PATH", "pyenv shim", "pyenv", "uv", "system".</param>
/// <param name="RealPath">The resolved real path (what is probed, cached and executed); null if it cannot be resolved.</param>
/// <param name="Problem">Why it cannot be used at all ("is not executable"), or null.</param>
public sealed record InterpreterCandidate(string Path, string Source, string? RealPath, string? Problem)
{
    /// <summary>"/usr/bin/python3 (PATH, → /usr/bin/python3.11)".</summary>
    public string Describe() =>
        RealPath is null || RealPath == Path ? $"{Path} ({Source})" : $"{Path} ({Source}, -> {RealPath})";
}
