using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// Resolves a pyenv shim (a shell script that re-dispatches to the selected version) to the real
/// interpreter binary, so the build probes, records and reuses one fixed interpreter. With pyenv
/// available, `pyenv which` decides; without it (a copied or broken install), pyenv's own rules
/// are followed: PYENV_VERSION, then .python-version up the tree, then $PYENV_ROOT/version.
/// </summary>
internal static class PyenvWhich
{
    /// <summary>
    /// A shim as `pyenv rehash` writes it, by the launcher's rule (<see cref="PyenvShims"/>): a
    /// script that merely mentions pyenv (a wrapper around a pyenv Python) is not one and is run as it is.
    /// </summary>
    public static bool IsShim(string path) => PyenvShims.IsShimFile(path);

    public static string Resolve(string shim, HostEnvironment host, Log? log)
    {
        var command = Path.GetFileName(shim);
        var shimDirectory = Path.GetDirectoryName(shim)!;
        var root = host.Get("PYENV_ROOT") ?? Path.GetDirectoryName(shimDirectory)!;
        var pyenv = ExecutableSearch.Find("pyenv", host)
            ?? new[] { Path.Combine(root, "bin", "pyenv"), Path.Combine(root, "libexec", "pyenv") }.FirstOrDefault(ExecutableSearch.IsExecutableFile);
        var resolved = pyenv is not null
            ? ViaPyenv(pyenv, command, root, host)
            : ViaVersionFiles(command, shimDirectory, root, host);
        log?.Line($"pyenv shim {shim} resolves to {resolved}" + (pyenv is null ? " (pyenv itself not found; read its version files)" : $" (by {pyenv} which)"));
        return resolved;
    }

    private static string ViaPyenv(string pyenv, string command, string root, HostEnvironment host)
    {
        var environment = new Dictionary<string, string>(host.Variables, StringComparer.Ordinal) { ["PYENV_ROOT"] = root };
        var outcome = CapturedProcess.Run(pyenv, ["which", command], environment, host.CurrentDirectory, timeout: ProbeTimeout.Value);
        var path = outcome.StdOut.Trim();
        if (outcome.ExitCode != 0 || !ExecutableSearch.IsExecutableFile(path))
        {
            var reason = outcome.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
                ?? PythonFailure.Describe(outcome);
            throw new SatchelException(ExitCodes.Unavailable,
                $"pyenv cannot find {command} ({reason}); install or select a version with pyenv{VersionHint(command)} or pass --python PATH");
        }

        return path;
    }

    private static string ViaVersionFiles(string command, string shimDirectory, string root, HostEnvironment host)
    {
        var (names, origin) = SelectedVersions(root, host);
        foreach (var name in names)
        {
            var candidate = name == "system"
                ? ExecutableSearch.Find(command, host, directory => PathsEqual(directory, shimDirectory))
                : InstalledVersion(root, name) is { } directory ? Path.Combine(directory, "bin", command) : null;
            if (candidate is not null && ExecutableSearch.IsExecutableFile(candidate) && !IsShim(candidate))
            {
                return candidate;
            }
        }

        throw new SatchelException(ExitCodes.Unavailable,
            $"pyenv shim {Path.Combine(shimDirectory, command)}: version {string.Join(":", names)} (set by {origin}) has no {command} under {Path.Combine(root, "versions")}; install it with pyenv{VersionHint(command)} or pass --python PATH");
    }

    /// <summary>For `python3.9`: ", pass --python 3.9 to use any installed Python 3.9," (the build searches every pyenv version for a version).</summary>
    private static string VersionHint(string command) =>
        command.StartsWith("python", StringComparison.Ordinal) && command.Length > 6 && command[6..].Contains('.', StringComparison.Ordinal)
            && command[6..].All(c => char.IsAsciiDigit(c) || c == '.')
            ? $", pass --python {command[6..]} to use any installed Python {command[6..]},"
            : string.Empty;

    private static (IReadOnlyList<string> Names, string Origin) SelectedVersions(string root, HostEnvironment host) =>
        PyenvShims.SelectedVersions(root, host.Get("PYENV_VERSION"), host.Get("PYENV_DIR") ?? host.CurrentDirectory) ?? (new[] { "system" }, "pyenv's default");

    /// <summary>The version directory for a name: an exact match, else (as pyenv does for "3.11") the newest "3.11.x".</summary>
    private static string? InstalledVersion(string root, string name)
    {
        var versions = Path.Combine(root, "versions");
        var exact = Path.Combine(versions, name);
        if (Directory.Exists(exact))
        {
            return exact;
        }

        if (!Directory.Exists(versions))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versions)
            .Select(directory => (Directory: directory, Name: Path.GetFileName(directory)))
            .Where(entry => entry.Name.StartsWith(name + ".", StringComparison.Ordinal) && entry.Name.All(c => char.IsAsciiDigit(c) || c == '.'))
            .OrderByDescending(entry => PythonVersion.TryParse(entry.Name, out var version, out _) ? version : null)
            .Select(entry => entry.Directory)
            .FirstOrDefault();
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
