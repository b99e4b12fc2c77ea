using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Turns a failed pip run into one line and an exit code. pip's exit status says only "error",
/// so its output is read: an unreachable index is exit 69 (a service is unavailable: retry, or
/// fix the URL or network); anything pip reports about the requirements themselves — no matching
/// version, conflicting pins, a project that fails to build — is exit 65 (the input data is wrong).
/// </summary>
internal static class PipFailureClassifier
{
    private static readonly string[] NetworkMarkers =
    [
        "NewConnectionError", "Failed to establish a new connection", "ConnectTimeoutError", "ReadTimeoutError",
        "Max retries exceeded", "ProxyError", "SSLError", "Temporary failure in name resolution", "Name or service not known",
        "Could not fetch URL", "HTTP error 5",
    ];

    /// <summary>Error lines in the order they are worth quoting: the one that names the requirement first.</summary>
    private static readonly string[] KeyErrorMarkers =
    [
        "No matching distribution found for", "Cannot install", "Could not build wheels for", "Failed to build",
        "does not appear to be a Python project", "Could not open requirements file", "Invalid requirement",
    ];

    public static PipFailureException Classify(string stage, ProcessOutcome outcome, string logPath)
    {
        var lines = (outcome.StdErr + "\n" + outcome.StdOut)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.StartsWith("ERROR:", StringComparison.Ordinal)).Select(l => l["ERROR:".Length..].Trim()).ToList();
        var network = lines.FirstOrDefault(l => NetworkMarkers.Any(m => l.Contains(m, StringComparison.Ordinal)));
        var output = outcome.StdOut + outcome.StdErr;
        var unresolvedByNetwork = network is not null && (errors.Count == 0 || errors.Any(e => e.Contains("No matching distribution", StringComparison.Ordinal) || e.Contains("Could not find a version", StringComparison.Ordinal)));
        if (unresolvedByNetwork)
        {
            return new PipFailureException(ExitCodes.Unavailable,
                $"pip could not reach a package source while {stage}: \"{Shorten(network!)}\"; check --index-url/--find-links and the network, then retry (full pip log: {logPath})",
                output, logPath);
        }

        var key = KeyErrorMarkers.Select(m => errors.FirstOrDefault(e => e.Contains(m, StringComparison.Ordinal))).FirstOrDefault(e => e is not null)
            ?? errors.FirstOrDefault()
            ?? PythonFailure.LastLine(outcome.StdErr)
            ?? $"pip exited with status {outcome.ExitCode} and printed nothing";
        return new PipFailureException(ExitCodes.Data,
            $"pip failed while {stage}: \"{Shorten(key)}\"; check the requirements, constraints and package sources (full pip log: {logPath}; --verbose shows pip's output)",
            output, logPath);
    }

    private static string Shorten(string line) => line.Length <= 300 ? line : line[..297] + "...";
}
