using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;

namespace Satchel.Cli.Commands;

/// <summary>
/// Runs a command's body and turns every failure into one line on stderr and a documented exit
/// code (<see cref="ExitPolicy"/>, which the launcher follows too): a stack trace only for an
/// internal error, and only with --verbose.
/// </summary>
internal static class ErrorBoundary
{
    public static int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return ExitPolicy.Report(e, verbose, "--verbose", Console.Error.WriteLine);
        }
    }

    public static bool IsVerbose(bool flag) => flag || Settings.Flag(SatchelVariables.Verbose);
}
