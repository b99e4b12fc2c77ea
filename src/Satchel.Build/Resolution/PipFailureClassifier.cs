using System.Text.RegularExpressions;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Turns a failed pip run into one line and an exit code. pip's exit status says only "error",
/// so its output is read:
/// - a package source that cannot be reached: exit 69 (a service is unavailable: retry, or fix
///   the URL or the network), naming the sources and the connection error;
/// - a plain-http index pip refuses to use without --trusted-host: exit 64 (the options are incomplete);
/// - anything pip reports about the requirements themselves (no matching version, conflicting
///   pins, a project that fails to build): exit 65 (the input data is wrong), quoting pip's key line.
/// </summary>
internal static partial class PipFailureClassifier
{
    /// <summary>Error lines in the order they are worth quoting: the one that names the requirement first.</summary>
    private static readonly string[] KeyErrorMarkers =
    [
        "No matching distribution found for", "Cannot install", "Could not build wheels for", "Failed to build",
        "does not appear to be a Python project", "Could not open requirements file", "Invalid requirement",
    ];

    public static PipFailureException Classify(string stage, ProcessOutcome outcome, string logPath, IReadOnlyList<string> remoteSources)
    {
        var lines = (outcome.StdErr + "\n" + outcome.StdOut)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.StartsWith("ERROR:", StringComparison.Ordinal)).Select(l => l["ERROR:".Length..].Trim()).ToList();
        var output = outcome.StdOut + outcome.StdErr;
        var nothingFound = errors.Count == 0 || errors.Any(e => e.Contains("No matching distribution", StringComparison.Ordinal));

        if (nothingFound && lines.FirstOrDefault(l => l.Contains("is not a trusted or secure host", StringComparison.Ordinal)) is { } untrusted
            && UntrustedHost().Match(untrusted) is { Success: true } host)
        {
            return new PipFailureException(ExitCodes.Usage,
                $"pip ignored the package source at {host.Groups[1].Value} while {stage}: it is plain http on a host that is not trusted; use https, or pass --trusted-host {host.Groups[1].Value} (full pip log: {logPath})",
                output, logPath);
        }

        if (nothingFound && lines.Select(l => NetworkError().Match(l)).FirstOrDefault(m => m.Success) is { } network)
        {
            var sources = remoteSources.Count == 0 ? "a package source" : string.Join(", ", remoteSources);
            return new PipFailureException(ExitCodes.Unavailable,
                $"pip could not reach {sources} while {stage}: \"{Shorten(network.Value)}\"; check the URL and the network, then retry (full pip log: {logPath})",
                output, logPath);
        }

        var key = KeyErrorMarkers.Select(m => errors.FirstOrDefault(e => e.Contains(m, StringComparison.Ordinal))).FirstOrDefault(e => e is not null)
            ?? Diagnostic(lines)
            // "ERROR: Exception:" heads a traceback of pip's own; its last line says what went wrong.
            ?? errors.FirstOrDefault(e => e != "Exception:")
            ?? PythonFailure.LastLine(outcome.StdErr)
            ?? $"pip exited with status {outcome.ExitCode} and printed nothing";
        return new PipFailureException(ExitCodes.Data,
            $"pip failed while {stage}: \"{Shorten(key)}\"; check the requirements, constraints and package sources (full pip log: {logPath}; --verbose shows pip's output)",
            output, logPath);
    }

    /// <summary>
    /// pip's boxed diagnostics for a failed build step ("× Getting requirements to build wheel did
    /// not run successfully." with the back-end's output in a box): the title, the last line of the
    /// back-end's output, which usually is its actual error, and the project being processed.
    /// </summary>
    private static string? Diagnostic(string[] lines)
    {
        var title = Array.FindIndex(lines, l => l.StartsWith('×'));
        if (title < 0)
        {
            return null;
        }

        var boxStart = Array.FindIndex(lines, l => l.Contains("╰─> [", StringComparison.Ordinal));
        var boxEnd = boxStart < 0 ? -1 : Array.FindIndex(lines, boxStart, l => l == "[end of output]");
        var cause = boxEnd > boxStart + 1 ? ": " + lines[boxEnd - 1] : string.Empty;
        var subject = lines.LastOrDefault(l => l.StartsWith("Processing ", StringComparison.Ordinal) || l.StartsWith("Building wheel for ", StringComparison.Ordinal));
        return lines[title].TrimStart('×', ' ').TrimEnd('.') + cause + (subject is null ? string.Empty : $" ({subject})");
    }

    private static string Shorten(string line) => line.Length <= 300 ? line : line[..297] + "...";

    /// <summary>The connection failures urllib3 and pip report, as the words worth quoting.</summary>
    [GeneratedRegex(@"Failed to establish a new connection: [^'""]+|Temporary failure in name resolution|Name or service not known|Read timed out\.?|Connection to \S+ timed out[^'""]*|Connection reset by peer|SSLError\([^)]*\)|ProxyError\([^)]*\)|Could not fetch URL [^:]+: [^-]+|HTTP error \d{3}[^'""]*")]
    private static partial Regex NetworkError();

    [GeneratedRegex(@"repository located at (\S+) is not a trusted or secure host")]
    private static partial Regex UntrustedHost();
}
