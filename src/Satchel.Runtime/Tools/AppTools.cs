using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Launch;

namespace Satchel.Runtime.Tools;

/// <summary>
/// `SATCHEL_TOOLS=1 ./app info [--json] | verify | extract DIR | venv DIR | warm`: the CLI's inspect,
/// verify, extract, venv and cache warm, run by the app's own launcher for users who do not have the CLI.
/// Plain text only (no terminal rendering in the launcher); the same JSON as `satchel inspect --json`.
/// </summary>
public static class AppTools
{
    private const string Usage = "usage: SATCHEL_TOOLS=1 APP info [--json] | verify | extract DIR | venv DIR | warm";

    public static int Run(AppFile app, string[] args, Log log)
    {
        switch (args)
        {
            case ["info"]:
                StandardOutput.Write(AppReportText.Render(AppReport.Read(app)));
                return 0;
            case ["info", "--json"]:
                StandardOutput.Write(AppReportJson.Render(AppReport.Read(app)));
                return 0;
            case ["verify"]:
                var result = PayloadVerifier.Verify(app.Path);
                if (!result.Ok)
                {
                    throw result.Failure();
                }

                StandardOutput.Write(result.Summary + "\n");
                return 0;
            case ["extract", var directory]:
                var units = PlainTreeExporter.Export(app, directory, log);
                StandardOutput.Write($"extracted {units.Count} unit{(units.Count == 1 ? string.Empty : "s")} of {app.Path} into {Path.GetFullPath(directory)}\n");
                return 0;
            case ["venv", var directory]:
                var script = StandaloneVenv.Create(app, directory, new CacheLayout(CacheRoot.Resolve()), log);
                StandardOutput.Write($"venv {Path.GetFullPath(directory)} made; run the app with {script}\n");
                return 0;
            case ["warm"]:
                AppLauncher.Warm(app, log);
                return 0;
            case []:
                throw new SatchelException(ExitCodes.Usage, $"{SatchelVariables.Tools} is set but no tool was named; {Usage}");
            default:
                throw new SatchelException(ExitCodes.Usage, $"unknown tool '{args[0]}' or wrong arguments; {Usage} (unset {SatchelVariables.Tools} to run the app)");
        }
    }
}
