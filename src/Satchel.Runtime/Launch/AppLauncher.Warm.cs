using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Python;

namespace Satchel.Runtime.Launch;

/// <summary>
/// `SATCHEL_TOOLS=1 APP warm` and `satchel cache warm APP` (docs/containers.md): everything a
/// first start does, without starting the app — units extracted, use recorded, interpreter
/// chosen (its facts and the choice remembered), the venv assembled — and then what a first
/// start leaves to Python: bytecode of the venv's start hook, and of every unit when the build
/// shipped none for the chosen interpreter. Silent on success.
/// </summary>
public static partial class AppLauncher
{
    /// <summary>Written into the venv once warm has compiled its bytecode, so a second warm compiles nothing.</summary>
    public const string WarmMarker = ".satchel-warm";

    public static void Warm(AppFile app, Log log)
    {
        if (ExtractModeSetting.Resolve(app.Header.ExtractMode) == ExtractMode.Temp)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"{app.Path} extracts into a temporary directory on every start (SATCHEL_EXTRACT or its build's --extract): there is no cache to warm; unset SATCHEL_EXTRACT or rebuild it with --extract cache");
        }

        var layout = CacheRoot.Open();
        using var inUse = new InUseLocks(log, layout.ReadOnly);
        var chosen = ChooseSetFirst(app, layout, log);
        HoldUnitsInUse(app, layout, inUse, log, chosen?.Header.SetUnits());
        RecordUse(app, layout, app.Path, log);
        if (app.Header.Launch.Kind != LaunchKind.Python)
        {
            // The start record too, so that the first start after a warm is the stub's (and writes nothing).
            StartRecordWriter.WriteIfServable(app, layout, inUse, only: null, python: null, LaunchPlan.For(app.Header, layout, app.Path, []), app.Path, [], log);
            return;
        }

        var (interpreter, venv, header) = EnsureVenv(app, layout, layout, inUse, log, chosen);
        var python = new StartRecordWriter.PythonStart(interpreter, venv, header, StartRecordWriter.PythonStart.IsBundled(app.Header));
        StartRecordWriter.WriteIfServable(app, layout, inUse, chosen?.Header.SetUnits(), python,
            PythonLaunchPlan.For(header, layout, venv, app.Path, [], interpreterMode: false, inheritPath: false), app.Path, [], log);
        var marker = Path.Combine(venv, WarmMarker);
        if (layout.ReadOnly || File.Exists(marker))
        {
            return;
        }

        var directories = new List<string>();
        if (!BytecodeInstaller.Covers(app.Header, interpreter.CacheTag))
        {
            var used = chosen is null ? null : header.SetUnits();
            for (var i = 0; i < header.Units.Count; i++)
            {
                if (header.Units[i].Kind != UnitKind.Bytecode && (used is null || used[i]))
                {
                    directories.Add(layout.UnitFiles(header.Units[i].KeyHex));
                }
            }
        }

        // The venv's own Python: the start hook every start imports (site-packages) and, for a
        // MODULE:FUNC entry, its script's directory; compileall skips files that are not .py.
        directories.Add(venv);
        BytecodeCompiler.Compile(interpreter, directories, log);
        AtomicPath.WriteNewFile(marker, $"interpreter={interpreter.RealPath}\nversion={interpreter.Version}\n");
    }
}
