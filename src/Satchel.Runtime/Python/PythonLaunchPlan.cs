using Satchel.Runtime.Cache;
using Satchel.Runtime.Format;
using Satchel.Runtime.Launch;

namespace Satchel.Runtime.Python;

/// <summary>
/// How a Python app is started from its venv: `VENV/bin/python -s BOOT ARGS` (BOOT: boot.py or
/// the boot module's bytecode, <see cref="BootScript.EntryFile"/>),
/// hermetic by default (no user site, no PYTHONPATH/PYTHONHOME from the host) unless
/// SATCHEL_INHERIT_PATH=1; SATCHEL_INTERPRETER=1 starts the venv's Python itself with the user's
/// arguments (a REPL, `-c`, a script).
/// </summary>
public static class PythonLaunchPlan
{
    /// <summary>Variables that would let the host's packages leak into the app.</summary>
    public static readonly IReadOnlyList<string> LeakingVariables = ["PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE"];

    public static LaunchPlan For(
        PayloadHeader header,
        CacheLayout layout,
        string venv,
        string bootFile,
        string userPath,
        IReadOnlyList<string> userArgs,
        bool interpreterMode,
        bool inheritPath)
    {
        var launch = header.Launch;
        var python = Path.Combine(venv, "bin", "python");
        var argv = new List<string> { python };
        if (!inheritPath)
        {
            argv.Add("-s");
        }

        if (!interpreterMode)
        {
            argv.Add(bootFile);
            argv.AddRange(launch.InjectArgs);
        }

        argv.AddRange(userArgs);
        var appDir = layout.UnitFiles(header.Units[launch.EntryUnit].KeyHex);
        return new LaunchPlan(python, argv, LaunchPlan.Variables(launch, userPath, appDir), inheritPath ? [] : LeakingVariables);
    }
}
