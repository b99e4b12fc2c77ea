using System.CommandLine;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Tools;

namespace Satchel.Cli.Commands;

/// <summary>`satchel extract APP DIR`: the payload's files as a plain tree, one directory per unit.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var app = new Argument<string>("APP") { Description = "An executable built by satchel." };
        var directory = new Argument<string>("DIR") { Description = "A new (or empty) directory to write the files to." };
        var command = new Command("extract", "Write an app's files as a plain tree: DIR/app, DIR/wheels/NAME-VERSION, ...\n\nExample: satchel extract ./myapp myapp-files") { app, directory };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var log = new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)));
            using var file = AppFile.Open(parse.GetValue(app)!);
            var target = parse.GetValue(directory)!;
            var units = PlainTreeExporter.Export(file, target, log);
            Console.WriteLine($"extracted {units.Count} unit{(units.Count == 1 ? string.Empty : "s")} into {Path.GetFullPath(target)}: {string.Join(", ", units)}");
            return 0;
        }));
        return command;
    }
}
