using Satchel.Runtime.Cache;
using Satchel.Runtime.Format;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Python;

namespace Satchel.Runtime.Launch;

/// <summary>
/// How a Python app is started from its venv: the command a venv would run for the entry, so that
/// Python itself starts it (docs/launcher.md, "How a Python entry starts"):
/// `VENV/bin/python VENV/bin/NAME` for a console or data script (what the kernel runs for its
/// `#!` line), `VENV/bin/python -m MODULE`, `VENV/bin/python FILE` for a script of the app,
/// `VENV/bin/python VENV/satchel/APPNAME` for `MODULE:FUNC`, and `VENV/bin/NAME` itself for a data
/// script of another language (with VENV/bin first on PATH). <see cref="SatchelVariables.Argv0"/>
/// carries the path the user ran to the start hook. Hermetic by default (no PYTHONPATH/PYTHONHOME
/// from the host; the venv's pyvenv.cfg turns the user site off, as in any venv) unless
/// SATCHEL_INHERIT_PATH=1; SATCHEL_INTERPRETER=1 starts the venv's Python itself with the user's
/// arguments (a REPL, `-c`, a script), with `-s` unless the path is inherited.
/// </summary>
public static class PythonLaunchPlan
{
    /// <summary>Variables that would let the host's packages leak into the app.</summary>
    public static readonly IReadOnlyList<string> LeakingVariables = ["PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE"];

    public static LaunchPlan For(
        PayloadHeader header,
        CacheLayout layout,
        string venv,
        string userPath,
        IReadOnlyList<string> userArgs,
        bool interpreterMode,
        bool inheritPath,
        EntryOverride entryOverride = default)
    {
        var launch = header.Launch;
        var python = Path.Combine(venv, "bin", "python");
        var appDir = layout.UnitFiles(header.Units[launch.EntryUnit].KeyHex);
        var variables = LaunchPlan.Variables(launch, userPath, appDir);
        var unset = new List<string>(inheritPath ? [] : LeakingVariables);
        var program = python;
        var argv = new List<string> { python };
        if (interpreterMode)
        {
            if (!inheritPath)
            {
                argv.Add("-s");
            }

            unset.Add(SatchelVariables.Argv0);
            argv.AddRange(userArgs);
            return new LaunchPlan(program, argv, variables, unset);
        }

        var entry = launch.Python!;
        var (kind, target) = entryOverride.Script is { } script ? (PythonEntryKind.Script, script)
            : entryOverride.Module is { } module ? (module.Contains(':', StringComparison.Ordinal) ? PythonEntryKind.Callable : PythonEntryKind.Module, module)
            : (entry.EntryKind, entry.Entry);
        switch (kind)
        {
            case PythonEntryKind.Module:
                argv.AddRange(["-m", target]);
                break;
            case PythonEntryKind.Callable when entryOverride.Module is not null:
                // Chosen at run time: no script was written for it; `-c` runs the same lines.
                var (name, attribute) = VenvAssembler.SplitCallable(target);
                argv.AddRange(["-c", ConsoleScript.Body(name, attribute)]);
                break;
            case PythonEntryKind.Callable:
                argv.Add(VenvAssembler.CallableScript(venv, header));
                break;
            case PythonEntryKind.Script:
                argv.Add(entryOverride.Script is null ? Path.Combine(appDir, target) : target);
                break;
            case PythonEntryKind.VenvScript:
                argv.Add(Path.Combine(venv, "bin", target));
                break;
            case PythonEntryKind.VenvExecutable:
                program = Path.Combine(venv, "bin", target);
                argv[0] = program;
                break;
        }

        if (kind == PythonEntryKind.VenvExecutable)
        {
            // No Python starts it, so nothing would take the variable away from the Pythons it starts.
            unset.Add(SatchelVariables.Argv0);
            variables.Add(new("PATH", Path.Combine(venv, "bin") + (Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? ":" + path : string.Empty)));
        }
        else
        {
            variables.Add(new(SatchelVariables.Argv0, userPath));
        }

        argv.AddRange(launch.InjectArgs);
        argv.AddRange(userArgs);
        return new LaunchPlan(program, argv, variables, unset);
    }
}

/// <summary>SATCHEL_SCRIPT / SATCHEL_MODULE: another entry of the app, chosen at run time (the script wins).</summary>
public readonly record struct EntryOverride(string? Script, string? Module)
{
    /// <summary>The override the environment asks for (<see cref="SatchelVariables.Script"/>, <see cref="SatchelVariables.Module"/>).</summary>
    public static EntryOverride FromEnvironment() => new(Settings.Text(SatchelVariables.Script), Settings.Text(SatchelVariables.Module));
}
