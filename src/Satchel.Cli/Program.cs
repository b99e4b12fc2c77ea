using System.CommandLine;
using Satchel.Cli.Commands;
using Satchel.Runtime.Errors;

namespace Satchel.Cli;

/// <summary>The `satchel` command: parses arguments, runs one command, turns failures into one line and an exit code.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Satchel.Runtime.Launch.GcRangeFit.ReexecUnderLimit(args);
        Satchel.Runtime.Posix.ClosedStdioGuard.Fill();
        var root = new RootCommand("Satchel turns a Python application (or any directory) into one executable file.\n\nExample: satchel build flask --sources src -m myapp -o myapp")
        {
            PackCommand.Create(),
            BuildCommand.Create(),
            LockCommand.Create(),
            InspectCommand.Create(),
            VerifyCommand.Create(),
            ExtractCommand.Create(),
            VenvCommand.Create(),
            CacheCommand.Create(),
            InterpretersCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Verbose);

        var parsed = root.Parse(HelpCommand.Rewrite(args));
        if (parsed.Action is not System.CommandLine.Help.HelpAction && UsageProblem.Describe(parsed) is { } problem)
        {
            Console.Error.WriteLine($"satchel: {problem}");
            return ExitCodes.Usage;
        }

        return parsed.Invoke();
    }
}
