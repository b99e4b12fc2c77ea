using System.CommandLine;
using Satchel.Cli.Commands;
using Satchel.Runtime.Errors;

namespace Satchel.Cli;

/// <summary>The `satchel` command: parses arguments, runs one command, turns failures into one line and an exit code.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Satchel turns a Python application (or any directory) into one executable file.")
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

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"satchel: {error.Message}");
            }

            Console.Error.WriteLine("satchel: run `satchel --help` for usage");
            return ExitCodes.Usage;
        }

        return parsed.Invoke();
    }
}
