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
            foreach (var name in PythonNames.Unversioned.Concat(PythonNames.Versioned(directory)))
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                {
                    found.Add(path, "PATH");
                }
            }
        }

        foreach (var (path, source) in WellKnownLocations.Find(environment))
        {
            found.Add(path, source);
        }

        return found.Candidates;
    }

    private static IEnumerable<string> SearchDirectories(InterpreterEnvironment environment) =>
        (environment.SearchPath ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Path.IsPathRooted)
            .Distinct(StringComparer.Ordinal);

    /// <summary>Like a shell: the first executable file of that name on PATH, else the first file (to report it as not executable).</summary>
    private static string? Lookup(string command, InterpreterEnvironment environment)
    {
        var files = SearchDirectories(environment).Select(d => Path.Combine(d, command)).Where(File.Exists).ToList();
        return files.FirstOrDefault(f => OperatingSystem.IsWindows() || AccessCheck.CanExecute(f)) ?? files.FirstOrDefault();
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

        /// <summary>Adds the file, or what it stands for if it is a pyenv shim; false if a shim stands for nothing.</summary>
        public bool Add(string path, string source)
        {
            var candidate = CandidateFile.Inspect(path, source);
            if (candidate is { Problem: null, RealPath: { } real } && CandidateFile.ScriptHead(real) is { } head && PyenvShims.IsShim(head))
            {
                var resolved = PyenvShims.Resolve(Path.GetFileName(path), PyenvShims.RootOf(head, environment), environment);
                log.Line($"{path} is a pyenv shim for {(resolved.Count == 0 ? "nothing installed" : string.Join(", ", resolved.Select(r => r.Version)))}");
                foreach (var (target, version) in resolved)
                {
                    Keep(CandidateFile.Inspect(target, source == "PATH" ? $"pyenv shim {path}, version {version}" : $"{source} (pyenv shim, version {version})"));
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
