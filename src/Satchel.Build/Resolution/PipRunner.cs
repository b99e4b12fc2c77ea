using Satchel.Runtime.Diagnostics;

namespace Satchel.Build.Resolution;

/// <summary>
/// Runs one pip command for a build, isolated from the user's configuration, with a private cache
/// and temp directory in the work directory. Everything pip prints goes, in arrival order, to a
/// log file that starts with the command line; --verbose also relays it line by line. When pip
/// fails, that log is copied to the kept-log path (OUT.pip.log) and the error names the copy: the
/// work directory goes with the staging directory. A successful run removes a stale copy.
/// </summary>
/// <remarks>
/// pip's own --log is not used: it lowers pip's logging threshold to DEBUG, and pip then moves a
/// failing build back-end's output out of the error box on the console into that file, where the
/// one-line error could no longer quote it.
/// </remarks>
/// <param name="label">Said before pip's lines in the log when several pips run at once ("pip 3.11.7: "), else null.</param>
internal sealed class PipRunner(PipCommand pip, WorkLayout layout, HostEnvironment host, string workingDirectory, IReadOnlyList<string> remoteSources, KeptLog? keptLog, Log log, string? label = null)
{
    private readonly string _linePrefix = label is null ? "pip: " : $"pip {label}: ";

    private readonly IReadOnlyDictionary<string, string> _environment = IsolatedPythonEnvironment.Create(host, layout.Temp);

    /// <summary>Options every run gets: isolation from configuration, no prompts, a private cache.</summary>
    public IEnumerable<string> CommonOptions =>
    [
        "--isolated", "--no-input", "--disable-pip-version-check", "--progress-bar", "off", "--cache-dir", layout.PipCache,
    ];

    /// <summary>
    /// Runs pip; <paramref name="watch"/> sees each line of its output as it arrives (progress).
    /// <paramref name="cancellation"/> kills it (another interpreter's resolution failed) and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Run(string stage, IReadOnlyList<string> pipArguments, string logPath, Action<string>? watch = null, CancellationToken cancellation = default)
    {
        IReadOnlyList<string> args = [.. pip.Prefix, .. pipArguments];
        var commandLine = ShellQuoting.Join(pip.Interpreter.Path, args);
        log.Line(label is null ? $"{stage}: {commandLine}" : $"{stage} ({label}): {commandLine}");
        ProcessOutcome outcome;
        using (var file = new StreamWriter(logPath, append: false))
        {
            file.WriteLine($"# {stage} with {pip.Describe()}");
            file.WriteLine($"$ {commandLine}");
            outcome = CapturedProcess.Run(pip.Interpreter.Path, args, _environment, workingDirectory, onLine: line =>
            {
                // stdout and stderr arrive on two threads; one lock keeps both sinks line-atomic.
                lock (file)
                {
                    file.WriteLine(line);
                    log.Line(_linePrefix + line);
                }

                watch?.Invoke(line);
            }, cancellation: cancellation);
            file.WriteLine($"# exit status {outcome.ExitCode}");
        }

        if (outcome.ExitCode != 0)
        {
            throw PipFailureClassifier.Classify(stage, outcome, Keep(logPath), remoteSources);
        }

        keptLog?.RemoveStale();
    }

    /// <summary>Copies <paramref name="logPath"/> to the kept-log path; the path to name in a message (the original if it cannot be kept).</summary>
    public string Keep(string logPath) => keptLog is null ? logPath : keptLog.Keep(logPath, log);
}
