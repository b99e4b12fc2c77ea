using System.CommandLine;
using Satchel.Runtime.Tools;

namespace Satchel.Cli.Commands;

/// <summary>`satchel verify APP`: checks every hash of the app file; exit 0, or 65 naming what is wrong.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var app = new Argument<string>("APP") { Description = "An executable built by satchel." };
        var command = new Command("verify", "Check an app's trailer, header, index, every data block and every file hash (exit 65 if anything is wrong).\n\nExample: satchel verify ./myapp") { app };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var result = PayloadVerifier.Verify(parse.GetValue(app)!);
            if (!result.Ok)
            {
                throw result.Failure();
            }

            Console.WriteLine(result.Summary);
            return 0;
        }));
        return command;
    }
}
