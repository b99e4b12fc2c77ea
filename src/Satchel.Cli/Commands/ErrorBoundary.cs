using System.Text.RegularExpressions;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;

namespace Satchel.Cli.Commands;

/// <summary>
/// Runs a command's body and turns every failure into one line on stderr and a documented exit
/// code. A stack trace is shown only for an internal error, and only with --verbose.
/// </summary>
internal static partial class ErrorBoundary
{
    public static int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (SatchelException e)
        {
            return Report(e.Message, e.ExitCode, e, verbose);
        }
        catch (IOException e)
        {
            return Report(e.Message, IoErrors.IsDiskFull(e) ? ExitCodes.CantCreate : ExitCodes.IoError, e, verbose);
        }
        catch (UnauthorizedAccessException e)
        {
            return Report(PermissionDenied(e), ExitCodes.NoPermission, e, verbose);
        }
        catch (Exception e)
        {
            return Report($"internal error ({e.GetType().Name}): {e.Message}; please report it (rerun with --verbose for details)", ExitCodes.Software, e, verbose: true);
        }
    }

    public static bool IsVerbose(bool flag) => flag || Settings.Flag("SATCHEL_VERBOSE");

    /// <summary>.NET's "Access to the path '…' is denied." in the user's terms: the path, and what to check.</summary>
    private static string PermissionDenied(UnauthorizedAccessException e) =>
        DeniedPath().Match(e.Message) is { Success: true } m
            ? $"permission denied: {m.Groups[1].Value}; check its owner and mode, or use a path you may read and write"
            : $"permission denied ({e.Message.TrimEnd('.')}); check the owner and mode of the files involved";

    [GeneratedRegex("^Access to the path '(.*)' is denied")]
    private static partial Regex DeniedPath();

    private static int Report(string message, int code, Exception e, bool verbose)
    {
        Console.Error.WriteLine($"satchel: {message}");
        if (verbose && code == ExitCodes.Software)
        {
            Console.Error.WriteLine(e.ToString());
        }

        return code;
    }
}
