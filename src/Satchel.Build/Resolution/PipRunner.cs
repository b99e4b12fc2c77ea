using Satchel.Runtime.Diagnostics;

namespace Satchel.Build.Resolution;

/// <summary>
/// Runs one pip command for a build, isolated from the user's configuration, with a private cache
/// and temp directory in the work directory; --verbose relays pip's output line by line.
/// </summary>
internal sealed class PipRunner(PipCommand pip, WorkLayout layout, HostEnvironment host, string workingDirectory, Log log)
{
    private readonly IReadOnlyDictionary<string, string> _environment = IsolatedPythonEnvironment.Create(host, layout.Temp);

    /// <summary>Options every run gets: isolation from configuration, no prompts, a private cache, a full log file.</summary>
    public static IEnumerable<string> CommonOptions(WorkLayout layout, string logPath) =>
    [
        "--isolated", "--no-input", "--disable-pip-version-check", "--progress-bar", "off",
        "--cache-dir", layout.PipCache, "--log", logPath,
    ];

    public void Run(string stage, IReadOnlyList<string> pipArguments, string logPath)
    {
        IReadOnlyList<string> args = [.. pip.Prefix, .. pipArguments];
        log.Line($"{stage}: {ShellQuoting.Join(pip.Interpreter.Path, args)}");
        var outcome = CapturedProcess.Run(pip.Interpreter.Path, args, _environment, workingDirectory,
            onLine: log.Enabled ? line => log.Line("pip: " + line) : null);
        if (outcome.ExitCode != 0)
        {
            throw PipFailureClassifier.Classify(stage, outcome, logPath);
        }
    }
}
