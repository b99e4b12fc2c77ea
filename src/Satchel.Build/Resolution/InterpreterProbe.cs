using System.Text.Json;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// Asks an interpreter, in one short run, what it is: version, implementation, sys.executable,
/// and the version of the pip it can import.
/// </summary>
public static class InterpreterProbe
{
    /// <summary>The oldest Python a build runs with; older ones are refused with a clear line.</summary>
    public static readonly Version MinimumPython = new(3, 8);


    public static BuildInterpreter Probe(string path, HostEnvironment host, Log? log = null) => Probe(path, host, log, out _);

    /// <summary>Probes, and gives the interpreter's own answer too (what <see cref="Caching.CachedInterpreterProbe"/> keeps).</summary>
    public static BuildInterpreter Probe(string path, HostEnvironment host, Log? log, out string answer)
    {
        var environment = IsolatedPythonEnvironment.Create(host);
        // -E and -s rather than -I: Python 2 has no -I and must be told apart by its version, not by an error.
        var outcome = CapturedProcess.Run(path, ["-E", "-s", "-B", "-c", PythonScripts.ProbeInterpreter], environment, host.CurrentDirectory, timeout: ProbeTimeout.Value);
        var probed = outcome.ExitCode == 0 ? Parse(path, outcome.StdOut) : null;
        if (probed is null)
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"{path} did not run as a Python interpreter ({PythonFailure.Describe(outcome)}); pass --python PATH to a Python {MinimumPython} or newer");
        }

        answer = outcome.StdOut;
        return Accept(probed, log, string.Empty);
    }

    /// <summary>An answer kept from an earlier probe of <paramref name="path"/>, checked as a fresh one is; null if it does not parse.</summary>
    public static BuildInterpreter? FromAnswer(string path, string answer, Log? log, string note) =>
        Parse(path, answer) is { } probed ? Accept(probed, log, note) : null;

    private static BuildInterpreter Accept(BuildInterpreter probed, Log? log, string note)
    {
        if (probed.Version < MinimumPython)
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"{probed.Describe()} is too old: builds need Python {MinimumPython} or newer; pass --python PATH to a newer interpreter");
        }

        log?.Line($"build interpreter: {probed.Describe()}, sys.executable {probed.Executable}, "
            + (probed.Pip is { } pip ? $"pip {pip.VersionText} in {pip.Location}" : "no pip") + note);
        return probed;
    }

    private static BuildInterpreter? Parse(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var versionText = root.GetProperty("version_text").GetString() ?? string.Empty;
            var numbers = root.GetProperty("version").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            InstalledPip? pip = null;
            if (root.GetProperty("pip") is { ValueKind: JsonValueKind.Object } pipElement)
            {
                var pipVersion = pipElement.GetProperty("version").GetString() ?? string.Empty;
                pip = new InstalledPip(pipVersion, PythonVersion.TryParse(pipVersion, out var parsed, out _) ? parsed : PythonVersion.Parse("0"), pipElement.GetProperty("location").GetString() ?? string.Empty);
            }

            return new BuildInterpreter(
                path,
                root.GetProperty("executable").GetString() is { Length: > 0 } executable ? executable : path,
                new Version(numbers[0], numbers[1], numbers[2]),
                versionText,
                root.GetProperty("implementation").GetString() ?? "unknown",
                pip);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return null;
        }
    }
}
