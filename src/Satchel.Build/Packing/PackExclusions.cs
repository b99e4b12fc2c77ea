using Satchel.Build.Output;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Files;

namespace Satchel.Build.Packing;

/// <summary>
/// What a scanned directory (`pack DIR`, `build --sources DIR`) leaves out: the build's own
/// output, its staging directory and lock wherever -o points; by default version-control
/// directories and Satchel's outputs (apps, staging directories, kept pip logs), for --sources
/// also bytecode and virtual environments; and the user's `--exclude` patterns. Each path left
/// out is one --verbose line with the reason.
/// </summary>
public sealed class PackExclusions
{
    private static readonly string[] VersionControl = [".git", ".hg", ".svn"];

    private readonly IReadOnlyList<ExcludePattern> _patterns;
    private readonly bool _defaults;
    private readonly bool _pythonSources;
    private readonly string? _outputRealPath;
    private readonly Log _log;
    private readonly Dictionary<string, string?> _outputByRoot = new(StringComparer.Ordinal);

    private PackExclusions(IReadOnlyList<ExcludePattern> patterns, bool defaults, bool pythonSources, string? output, Log log)
    {
        _patterns = patterns;
        _defaults = defaults;
        _pythonSources = pythonSources;
        _outputRealPath = output is null ? null : OutputGuard.Resolve(output);
        _log = log;
    }

    /// <summary>Rules for `satchel pack DIR`: any directory (a prebuilt venv must still pack whole).</summary>
    public static PackExclusions ForPack(IEnumerable<string> patterns, string? output, Log? log = null) =>
        new([.. patterns.Select(ExcludePattern.Parse)], defaults: true, pythonSources: false, output, log ?? Log.Quiet);

    /// <summary>Rules for `satchel build --sources DIR`: also `__pycache__`, `*.pyc` and virtual environments.</summary>
    public static PackExclusions ForPythonSources(IEnumerable<string> patterns, string? output, Log? log = null) =>
        new([.. patterns.Select(ExcludePattern.Parse)], defaults: true, pythonSources: true, output, log ?? Log.Quiet);

    /// <summary>Rules for `--include DIR`: it names what to pack, so only this build's own output is left out.</summary>
    public static PackExclusions ForIncludes(string? output, Log? log = null) =>
        new([], defaults: false, pythonSources: false, output, log ?? Log.Quiet);

    /// <summary>The rules in force, for --verbose.</summary>
    public string Describe()
    {
        var defaults = new List<string>(VersionControl) { "Satchel's outputs (apps, *.satchel-build*, *.pip.log of this -o)" };
        if (_pythonSources)
        {
            defaults.AddRange(["__pycache__/", "*.pyc", "directories holding a pyvenv.cfg"]);
        }

        var user = _patterns.Count == 0 ? "none" : string.Join(", ", _patterns.Select(p => p.Text));
        return $"excluded by default: {string.Join(", ", defaults)}; --exclude: {user}";
    }

    /// <summary>
    /// Whether the entry at <paramref name="relativePath"/> under <paramref name="root"/> is left
    /// out (a directory left out is not entered). Logs the reason.
    /// </summary>
    public bool Excludes(string root, string relativePath, FileSystemInfo entry)
    {
        var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
        var reason = Reason(root, relativePath, entry, isDirectory);
        if (reason is not null)
        {
            _log.Line($"excluded {Path.Combine(root, relativePath)}{(isDirectory ? "/" : string.Empty)}: {reason}");
        }

        return reason is not null;
    }

    private string? Reason(string root, string relativePath, FileSystemInfo entry, bool isDirectory)
    {
        var name = entry.Name;
        if (OutputRelativeTo(root) is { } output
            && (relativePath == output || relativePath.StartsWith(output + BuildDirectory.Suffix, StringComparison.Ordinal) || relativePath == output + KeptPipLog.Suffix))
        {
            return "this build's output, staging directory or log";
        }

        if (!_defaults)
        {
            return null;
        }

        if (name.Contains(BuildDirectory.Suffix, StringComparison.Ordinal))
        {
            return "a Satchel staging directory";
        }

        if (VersionControl.Contains(name, StringComparer.Ordinal))
        {
            return "version control";
        }

        if (_pythonSources && isDirectory && name == "__pycache__")
        {
            return "bytecode";
        }

        if (_pythonSources && !isDirectory && name.EndsWith(".pyc", StringComparison.Ordinal))
        {
            return "bytecode";
        }

        if (_pythonSources && isDirectory && File.Exists(Path.Combine(entry.FullName, "pyvenv.cfg")))
        {
            return "a virtual environment (it holds pyvenv.cfg)";
        }

        if (_patterns.FirstOrDefault(p => p.Matches(relativePath, isDirectory)) is { } pattern)
        {
            return $"--exclude {pattern.Text}";
        }

        if (entry is FileInfo { LinkTarget: null } file && SatchelAppFile.Is(file.FullName))
        {
            return "an app built by Satchel";
        }

        return null;
    }

    /// <summary>The output's path relative to <paramref name="root"/> when it lies inside it (through any links), else null.</summary>
    private string? OutputRelativeTo(string root)
    {
        if (_outputRealPath is null)
        {
            return null;
        }

        if (!_outputByRoot.TryGetValue(root, out var relative))
        {
            relative = RealPath.TryResolve(root) is { } realRoot
                && Path.GetRelativePath(realRoot, _outputRealPath) is var r
                && r != "." && r != ".." && !r.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(r)
                    ? r.Replace('\\', '/')
                    : null;
            _outputByRoot[root] = relative;
        }

        return relative;
    }
}
