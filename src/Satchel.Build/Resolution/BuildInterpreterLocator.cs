using System.Text.RegularExpressions;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// Picks the build interpreter: --python (a path, a name looked up on PATH, or a version such as
/// 3.9 or 3.9.18, searched for as a launcher searches: PATH, then pyenv's and uv's versions and the
/// system directories), else python3 on PATH; a pyenv shim is resolved to the real binary it
/// would run. The result is probed once.
/// </summary>
public static partial class BuildInterpreterLocator
{
    public const string DefaultCommand = "python3";

    public static BuildInterpreter Locate(string? python, HostEnvironment? host = null, Log? log = null)
    {
        host ??= HostEnvironment.Current;
        return InterpreterProbe.Probe(FindPath(python, host, log), host, log);
    }

    /// <summary>The interpreter path that would be probed, shims resolved.</summary>
    /// <param name="factsCache">Where a version's search keeps what it probed (default: the cache root's).</param>
    public static string FindPath(string? python, HostEnvironment host, Log? log = null, CacheLayout? factsCache = null)
    {
        var path = python is null ? FindDefault(host)
            : VersionForm().IsMatch(python.Trim()) ? FindVersion(python.Trim(), host, log ?? new Log(false), factsCache)
            : AlmostVersion().IsMatch(python) ? throw new SatchelException(ExitCodes.Usage,
                $"--python '{python}' is neither a version nor a program; write a version as 3, 3.9 or 3.9.18 (the first installed interpreter of it is taken), a program name on PATH, or a path")
            : FindExplicit(python, host);
        return PyenvWhich.IsShim(path) ? PyenvWhich.Resolve(path, host, log) : path;
    }

    private static string FindDefault(HostEnvironment host) =>
        ExecutableSearch.Find(OperatingSystem.IsWindows() ? "python" : DefaultCommand, host)
        ?? throw new SatchelException(ExitCodes.Unavailable,
            $"no {DefaultCommand} on PATH to resolve dependencies with; install Python 3 or pass --python PATH");

    private static string FindExplicit(string python, HostEnvironment host)
    {
        var looksLikePath = python.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || python.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal);
        if (!looksLikePath)
        {
            return ExecutableSearch.Find(python, host)
                ?? throw new SatchelException(ExitCodes.NoInput, $"--python {python}: no such program on PATH; pass the interpreter's full path");
        }

        var full = Path.GetFullPath(python, host.CurrentDirectory);
        if (Directory.Exists(full))
        {
            // A wrong kind of path is a usage mistake (64), as `-r DIR` is; a missing one is 66.
            throw new SatchelException(ExitCodes.Usage, $"--python {full} is a directory; pass the path of a Python interpreter in it, e.g. {Path.Combine(full, "python3")}");
        }

        return ExecutableSearch.IsExecutableFile(full)
            ? full
            : throw new SatchelException(ExitCodes.NoInput, $"--python {full}: no such executable file; pass the path of a Python interpreter");
    }

    /// <summary>
    /// `--python 3.9`: the first interpreter of that version in the launcher's discovery order
    /// (docs/interpreters.md, "Discovery"), SATCHEL_PYTHON aside: it chooses what apps run, not
    /// what builds them. So a pyenv version that is installed but not selected is found without
    /// `pyenv global`. The path is the one discovery found (an activated venv's `python3.9` on
    /// PATH stays the venv's, as a name would), and probes go through the cache's facts when
    /// there is a usable cache root; without one they are simply not kept.
    /// </summary>
    private static string FindVersion(string version, HostEnvironment host, Log log, CacheLayout? factsCache)
    {
        var parts = version.Split('.').Select(int.Parse).ToArray();
        if (parts[0] < InterpreterProbe.MinimumPython.Major
            || (parts.Length > 1 && parts[0] == InterpreterProbe.MinimumPython.Major && parts[1] < InterpreterProbe.MinimumPython.Minor))
        {
            throw new SatchelException(ExitCodes.Usage,
                $"--python {version}: builds need Python {InterpreterProbe.MinimumPython} or newer; pass {InterpreterProbe.MinimumPython} or a newer version");
        }

        var requirement = InterpreterRequirement.Parse(parts.Length switch
        {
            1 => $">={InterpreterProbe.MinimumPython},=={version}.*",
            2 => $"=={version}.*",
            _ => $"=={version}",
        });
        var environment = InterpreterEnvironment.From(host.Get) with { SatchelPython = null };
        var survey = InterpreterSelector.Survey(requirement, factsCache ?? FactsLayout(log), log, environment, stopAtFirstMatch: true);
        if (survey.Chosen is { Facts: { } chosen } verdict)
        {
            log.Line($"--python {version}: {verdict.Candidate.Path} (Python {chosen.Version}, {verdict.Candidate.Source})");
            return verdict.Candidate.Path;
        }

        var tried = survey.Verdicts.Count == 0 ? "no interpreter at all" : NoMatchMessage.Tried(survey.Verdicts);
        throw new SatchelException(ExitCodes.Unavailable,
            $"--python {version}: no Python {version} on PATH or in the usual places (pyenv, uv, {string.Join(", ", environment.SystemDirectories)}); found {tried}; install Python {version} or pass --python PATH");
    }

    /// <summary>
    /// The cache root's facts; none where there is no usable root (HOME unset, a relative or
    /// unsafe SATCHEL_ROOT: the build cache is then off too): the facts are a cache, a missing one
    /// costs a probe.
    /// </summary>
    private static CacheLayout? FactsLayout(Log log)
    {
        try
        {
            return CacheRoot.Open();
        }
        catch (SatchelException e)
        {
            log.Line($"interpreter facts not kept: {e.Message}");
            return null;
        }
    }

    /// <summary>A version, not a program name: "3", "3.9", "3.11.7".</summary>
    [GeneratedRegex(@"^[0-9]{1,4}(\.[0-9]{1,4}){0,2}$")]
    private static partial Regex VersionForm();

    /// <summary>What was meant as a version but is not one ("3.9.", "==3.9", "3.9.*", "v3.9", "3.13.0rc1"): no program is named so.</summary>
    [GeneratedRegex(@"^\s*(==|v)?\s*[0-9][0-9a-z.*]*\s*$")]
    private static partial Regex AlmostVersion();
}
