using System.CommandLine;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Tools;

namespace Satchel.Cli.Commands;

/// <summary>`satchel venv APP DIR`: a standalone virtual environment with the app installed, usable without satchel.</summary>
internal static class VenvCommand
{
    public static Command Create()
    {
        var app = new Argument<string>("APP") { Description = "A Python app built by satchel." };
        var directory = new Argument<string>("DIR") { Description = "A new (or empty) directory for the venv." };
        var command = new Command("venv", "Make a standalone venv with the app, its distributions and their console scripts (no satchel needed to run it).\n\nExample: satchel venv ./myapp /opt/myapp-venv") { app, directory };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var log = new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)));
            using var file = AppFile.Open(parse.GetValue(app)!);
            var target = parse.GetValue(directory)!;
            var script = StandaloneVenv.Create(file, target, new CacheLayout(CacheRoot.Resolve()), log);
            Console.WriteLine($"venv {Path.GetFullPath(target)} made; run the app with {script}");
            return 0;
        }));
        return command;
    }
}
