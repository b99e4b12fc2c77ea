using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Posix;

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
    public const string SatchelPythonSource = "SATCHEL_PYTHON";

    public static IReadOnlyList<InterpreterCandidate> Discover(InterpreterEnvironment environment, Log log)
    {
        var found = new Found(environment, log);
        if (environment.SatchelPython is { } chosen)
        {
            found.AddSatchelPython(chosen);
            return found.Candidates;
        }

        foreach (var directory in SearchDirectories(environment))
        {
            foreach (var name in PythonNames.Unversioned)
            {
                found.AddIfPresent(Path.Combine(directory, name));
            }

            foreach (var name in PythonNames.Versioned(directory))
            {
                found.AddIfPresent(Path.Combine(directory, name));
            }
        }

        foreach (var place in WellKnownLocations.Find(environment))
        {
            found.Add(place.Path, place.Source);
        }

        return found.Candidates;
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

    /// <summary>The growing list, deduplicated by real path (a candidate without one by its path).</summary>
    private sealed class Found(InterpreterEnvironment environment, Log log)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public List<InterpreterCandidate> Candidates { get; } = [];

        public void AddSatchelPython(string chosen)
        {
            var path = chosen.Contains(Path.DirectorySeparatorChar) || chosen.Contains('/')
                ? chosen
                : Lookup(chosen, environment);
            if (path is null)
            {
                Candidates.Add(new InterpreterCandidate(chosen, SatchelPythonSource, null, "no such command on PATH"));
                return;
            }

            if (!Add(path, SatchelPythonSource))
            {
                Candidates.Add(new InterpreterCandidate(path, SatchelPythonSource, CandidateFile.RealPath(path),
                    $"a pyenv shim, and no pyenv version under {environment.PyenvRoot ?? "~/.pyenv"} provides {Path.GetFileName(path)}"));
            }
        }

        /// <summary>Adds a PATH entry that exists (a dangling link too, to report it).</summary>
        public void AddIfPresent(string path)
        {
            if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                Add(path, "PATH");
            }
        }

        /// <summary>Adds the file, or what it stands for if it is a pyenv shim; false if a shim stands for nothing.</summary>
        public bool Add(string path, string source)
        {
            var candidate = CandidateFile.Inspect(path, source);
            if (candidate is { Problem: null, RealPath: { } real } && CandidateFile.ScriptHead(real) is { } head && PyenvShims.IsShim(head))
            {
                var resolved = PyenvShims.Resolve(Path.GetFileName(path), PyenvShims.RootOf(head, environment), environment);
                log.Line($"{path} is a pyenv shim for {(resolved.Count == 0 ? "nothing installed" : string.Join(", ", resolved.ConvertAll(r => r.Source)))}");
                foreach (var target in resolved)
                {
                    var how = source == "PATH" ? $"pyenv shim {path}, version {target.Source}" : $"{source} (pyenv shim, version {target.Source})";
                    Keep(CandidateFile.Inspect(target.Path, how));
                }

                return resolved.Count > 0;
            }

            Keep(candidate);
            return true;
        }

        private void Keep(InterpreterCandidate candidate)
        {
            if (_seen.Add(candidate.RealPath ?? candidate.Path))
            {
                Candidates.Add(candidate);
            }
        }
    }
}
