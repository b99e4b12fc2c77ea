using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Bundling;

/// <summary>
/// Which Python resolves the dependencies of an app that bundles one: the bundled interpreter
/// itself when it runs on the build machine (pip then picks wheels whose tags fit it exactly);
/// otherwise (built for another machine) the --python the user names, which must be CPython of
/// the same major.minor and ABI family, or the wheels would be for the wrong Python.
/// </summary>
public static class BundledBuildInterpreter
{
    public static BuildInterpreter Choose(BundledPython bundled, string? python, Log log, Action<string> warn)
    {
        if (bundled.Facts is not null)
        {
            var own = BuildInterpreterLocator.Locate(bundled.Tree.BinaryPath, log: log);
            if (python is not null)
            {
                CheckAgrees(bundled, BuildInterpreterLocator.Locate(python, log: log), python);
                warn($"--python {python} is not used: {bundled.Describe()} runs here and resolves the dependencies itself");
            }

            return own;
        }

        if (python is null)
        {
            throw new SatchelException(ExitCodes.Data,
                $"--bundle-python {bundled.ShownAs}: {bundled.Tree.Binary} does not run on this machine ({bundled.RunFailure}); pass a working CPython build, or, if it is built for another machine, pass --python with a CPython {bundled.MajorMinor} that runs here to resolve the dependencies with");
        }

        var chosen = BuildInterpreterLocator.Locate(python, log: log);
        CheckAgrees(bundled, chosen, python);
        log.Line($"bundled Python does not run here ({bundled.RunFailure}); resolving with {chosen.Describe()}");
        return chosen;
    }

    private static void CheckAgrees(BundledPython bundled, BuildInterpreter interpreter, string python)
    {
        var majorMinor = $"{interpreter.Version.Major}.{interpreter.Version.Minor}";
        if (majorMinor != bundled.MajorMinor || interpreter.Implementation != "cpython")
        {
            throw new SatchelException(ExitCodes.Usage,
                $"--python {python} is {interpreter.Implementation} {interpreter.VersionText}, but {bundled.Describe()} is CPython {bundled.MajorMinor}: pip would choose wheels for the wrong Python; pass --python with a CPython {bundled.MajorMinor}");
        }
    }
}
