using System.CommandLine;
using Satchel.Build.Locking;
using Satchel.Build.Output;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Cli.Commands;

/// <summary>`satchel lock [INPUTS…] -o pylock.toml`: resolve with pip and write a PEP 751 lock (docs/locks.md).</summary>
internal static class LockCommand
{
    public static Command Create()
    {
        var resolution = new ResolutionOptions();
        var output = new Option<string>("--output", "-o") { Description = "The lock file to write (pylock.toml).", DefaultValueFactory = _ => "pylock.toml" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing on success." };
        var command = new Command("lock", "Resolve requirements with pip and write a PEP 751 lock file (pylock.toml) that `satchel build --lock` builds from.\n\nExample: satchel lock -r requirements.txt -o pylock.toml")
        {
            output, quiet,
        };
        resolution.AddTo(command);
        command.SetAction(parse =>
        {
            var verbose = ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose));
            return ErrorBoundary.Run(verbose, () =>
            {
                using var signals = StopSignals.Install();
                var isQuiet = parse.GetValue(quiet);
                var request = resolution.Request(parse, parse.GetValue(output)!);
                var result = StageReporting.Run(isQuiet, progress => new Locker(new Log(verbose), BuildDirectory.WarnOnStandardError, progress).Lock(request));
                if (!isQuiet)
                {
                    Console.WriteLine($"locked {result.Document.Packages.Count} package{(result.Document.Packages.Count == 1 ? string.Empty : "s")} for Python {result.Document.RequiresPython} into {result.Output}: "
                        + string.Join(", ", result.Document.Packages.Select(p => $"{p.Name} {p.Version}")));
                }

                return 0;
            });
        });
        return command;
    }
}
