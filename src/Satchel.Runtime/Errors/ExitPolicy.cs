namespace Satchel.Runtime.Errors;

/// <summary>
/// How a failure ends a Satchel process, the same at both boundaries (a built app's launcher and
/// the CLI): one `satchel:` line and a documented exit code (README, "Exit codes"). Only an
/// internal error (a bug) has more to show: its stack trace when the user asked for detail, else
/// how to ask for it.
/// </summary>
public static class ExitPolicy
{
    /// <summary>
    /// The exit code and the line (without the `satchel: ` prefix) for a failure, and whether it is
    /// an internal error: an exception no part of Satchel turned into a <see cref="SatchelException"/>.
    /// </summary>
    public static (int ExitCode, string Message, bool Internal) Classify(Exception e) => e switch
    {
        SatchelException s => (s.ExitCode, s.Message, false),
        IOException => (IoErrors.IsDiskFull(e) ? ExitCodes.CantCreate : ExitCodes.IoError, e.Message, false),
        UnauthorizedAccessException => (ExitCodes.NoPermission, PermissionDenied(e.Message), false),
        // Not a bug: the machine (or `ulimit -v`) gave no more memory.
        OutOfMemoryException => (ExitCodes.OsError, "out of memory; free some, or raise the limit if `ulimit -v` sets one", false),
        _ => (ExitCodes.Software, $"internal error ({e.GetType().Name}): {e.Message}; please report it", true),
    };

    /// <summary>
    /// Writes the failure's line (and, for an internal error, its stack trace when
    /// <paramref name="verbose"/>, else a hint naming <paramref name="verboseSwitch"/>) and returns the exit code.
    /// </summary>
    public static int Report(Exception e, bool verbose, string verboseSwitch, Action<string> writeLine)
    {
        var (code, message, isInternal) = Classify(e);
        if (!isInternal)
        {
            writeLine("satchel: " + message);
        }
        else if (verbose)
        {
            writeLine("satchel: " + message);
            writeLine(e.ToString());
        }
        else
        {
            writeLine("satchel: " + message + " (rerun with " + verboseSwitch + " for details)");
        }

        return code;
    }

    /// <summary>
    /// .NET's "Access to the path '…' is denied." in the user's terms: the path, and what to check.
    /// Parsed by hand: a regular expression would add its engine to every built app.
    /// </summary>
    internal static string PermissionDenied(string message)
    {
        const string Prefix = "Access to the path '";
        const string Suffix = "' is denied";
        var end = message.StartsWith(Prefix, StringComparison.Ordinal) ? message.LastIndexOf(Suffix, StringComparison.Ordinal) : -1;
        return end > Prefix.Length
            ? $"permission denied: {message[Prefix.Length..end]}; check its owner and mode, or use a path you may read and write"
            : $"permission denied ({message.TrimEnd('.')}); check the owner and mode of the files involved";
    }
}
