namespace Satchel.Build.Resolution;

/// <summary>Sums up a failed helper run in a few words for a one-line message: its exit code and its last error line.</summary>
internal static class PythonFailure
{
    public static string Describe(ProcessOutcome outcome)
    {
        var last = LastLine(outcome.StdErr) ?? LastLine(outcome.StdOut);
        return last is null ? $"exit {outcome.ExitCode}, no output" : $"exit {outcome.ExitCode}: {last}";
    }

    public static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
