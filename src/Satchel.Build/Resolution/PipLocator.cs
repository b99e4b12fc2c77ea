using Satchel.Build.Wheels;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// Chooses the pip a build runs: the interpreter's own when it is recent enough, else the newest
/// pip wheel in a local find-links folder that actually runs on this interpreter (pip's own
/// support window matters: Debian's pip 23.0.1 wheel fails on Python 3.12). When neither exists
/// the build stops with exit 69 and says how to get one.
/// </summary>
public static class PipLocator
{

    public static PipCommand Select(BuildInterpreter interpreter, IEnumerable<string> findLinks, HostEnvironment? host = null, Log? log = null)
    {
        host ??= HostEnvironment.Current;
        if (interpreter.Pip is { } installed && installed.Version >= PipCommand.Minimum)
        {
            var own = new PipCommand(interpreter, installed.VersionText, null);
            log?.Line($"using {own.Describe()}");
            return own;
        }

        var rejected = new List<string>();
        foreach (var (wheel, version) in PipWheels(findLinks, host.CurrentDirectory))
        {
            var candidate = new PipCommand(interpreter, version, wheel);
            if (Runs(candidate, host, out var failure))
            {
                log?.Line($"using {candidate.Describe()}: the interpreter's own pip is " + (interpreter.Pip is { } old ? $"{old.VersionText}, older than {PipCommand.Minimum}" : "missing"));
                return candidate;
            }

            log?.Line($"skipping {wheel}: {failure}");
            rejected.Add($"{Path.GetFileName(wheel)} does not run on it: {failure}");
        }

        var problem = interpreter.Pip is { } tooOld
            ? $"{interpreter.Describe()} has pip {tooOld.VersionText}, older than the {PipCommand.Minimum} a build needs"
            : $"{interpreter.Describe()} has no pip";
        var tried = rejected.Count > 0 ? $" ({string.Join("; ", rejected)})" : string.Empty;
        throw new SatchelException(ExitCodes.Unavailable,
            $"{problem}{tried}; install it with `{interpreter.Path} -m ensurepip --upgrade`, put a pip wheel (pip {PipCommand.Minimum} or newer) in a --find-links folder, or pass --python");
    }

    /// <summary>pip-*.whl files in the local find-links, newest first, at least the minimum version.</summary>
    private static IEnumerable<(string Path, string Version)> PipWheels(IEnumerable<string> findLinks, string baseDirectory)
    {
        var found = new List<(string Path, string Version, PythonVersion Release)>();
        foreach (var entry in findLinks)
        {
            var local = LocalLocation.ToPath(entry, baseDirectory);
            var files = local is null ? [] : Directory.Exists(local) ? Directory.EnumerateFiles(local, "pip-*.whl") : File.Exists(local) ? [local] : [];
            foreach (var file in files)
            {
                if (WheelFileName.TryParse(Path.GetFileName(file)) is { NormalizedName: "pip" } name
                    && PythonVersion.TryParse(name.Version, out var release, out _) && release >= PipCommand.Minimum)
                {
                    found.Add((file, name.Version, release));
                }
            }
        }

        return found.OrderByDescending(w => w.Release).Select(w => (w.Path, w.Version));
    }

    /// <summary>
    /// Whether a pip wheel works here. `--version` is not enough: an unsupported Python breaks
    /// pip only once it lists distributions, which `pip list` does, like every resolution.
    /// </summary>
    private static bool Runs(PipCommand pip, HostEnvironment host, out string failure)
    {
        var environment = IsolatedPythonEnvironment.Create(host);
        var outcome = CapturedProcess.Run(pip.Interpreter.Path,
            [.. pip.Prefix, "list", "--format=json", "--isolated", "--disable-pip-version-check", "--no-input"],
            environment, host.CurrentDirectory, timeout: ProbeTimeout.Value);
        failure = outcome.ExitCode == 0 ? string.Empty : PythonFailure.Describe(outcome);
        return outcome.ExitCode == 0;
    }
}
