using Satchel.Build.Requests;
using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python;

/// <summary>Turns `-m`, `-c` and `--script` into the entry the launcher runs.</summary>
public static class PythonEntry
{
    public const string ScriptDirectory = "script";

    /// <param name="named">Normalised names of the distributions the command line named (`-c` looks there first).</param>
    public static (PythonEntryKind Kind, string Entry) Resolve(PythonBuildRequest request, IReadOnlyList<InstalledWheel> wheels, IReadOnlySet<string> named)
    {
        var given = new[] { request.Module, request.ConsoleScript, request.Script }.Count(v => v is not null);
        if (given != 1)
        {
            throw new SatchelException(ExitCodes.Usage, given == 0
                ? "no entry point: give one of -m MODULE[:FUNC], -c CONSOLE_SCRIPT or --script FILE (or a project with exactly one [project.scripts] entry)"
                : "give only one of -m, -c and --script");
        }

        if (request.Module is { } module)
        {
            if (module.Length == 0 || module.StartsWith(':') || module.EndsWith(':'))
            {
                throw new SatchelException(ExitCodes.Usage, $"-m '{module}' is not MODULE or MODULE:FUNC");
            }

            return (module.Contains(':') ? PythonEntryKind.Callable : PythonEntryKind.Module, module);
        }

        if (request.Script is { } script)
        {
            return (PythonEntryKind.Script, ScriptDirectory + "/" + Path.GetFileName(script));
        }

        return ScriptLookup.Find(request.ConsoleScript!, wheels, named);
    }
}
