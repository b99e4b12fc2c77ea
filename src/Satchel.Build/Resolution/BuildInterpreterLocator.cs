using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Picks the build interpreter: --python (a path, or a name looked up on PATH), else python3 on
/// PATH; a pyenv shim is resolved to the real binary it would run. The result is probed once.
/// </summary>
public static class BuildInterpreterLocator
{
    public const string DefaultCommand = "python3";

    public static BuildInterpreter Locate(string? python, HostEnvironment? host = null, Log? log = null)
    {
        host ??= HostEnvironment.Current;
        return InterpreterProbe.Probe(FindPath(python, host, log), host, log);
    }

    /// <summary>The interpreter path that would be probed, shims resolved.</summary>
    public static string FindPath(string? python, HostEnvironment host, Log? log = null)
    {
        var path = python is null ? FindDefault(host) : FindExplicit(python, host);
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
}
