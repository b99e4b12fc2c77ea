using System.Text;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Interpreters;
using Satchel.Runtime.Python;

namespace Satchel.Runtime.Launch;

/// <summary>
/// Writes the start record the warm-start stub replays (docs/cache-layout.md, "The start record"):
/// what this start checked, locked, touched and set, and what it executes, as a list of
/// operations (a letter, then its arguments; every string NUL-terminated). The stub repeats each
/// check and stops at the first that differs, so a record says only what this launcher found,
/// never what the stub should conclude. Written after a start the stub handed over, and by `warm`,
/// when the stub could serve that start: the user's own cache, every lock taken, no setting that
/// changes a start.
/// </summary>
internal static class StartRecordWriter
{
    public const string Magic = "satchel-start 1";

    /// <summary>The interpreter, venv and header a Python start used.</summary>
    internal sealed record PythonStart(PythonInterpreter Interpreter, string Venv, PayloadHeader Header, bool Bundled)
    {
        /// <summary>Whether the app runs its bundled interpreter (InterpreterChoice: unless SATCHEL_PYTHON names another).</summary>
        public static bool IsBundled(PayloadHeader header) => header.Launch.Python!.Bundled is not null && Settings.Text(SatchelVariables.Python) is null;
    }

    /// <param name="userArgs">The user's arguments, the end of the plan's argv: not recorded (the stub appends its own).</param>
    public static void WriteIfServable(AppFile app, CacheLayout layout, InUseLocks inUse, bool[]? only, PythonStart? python, LaunchPlan plan, string userPath, string[] userArgs, Log log)
    {
        if (OperatingSystem.IsWindows() || layout.ReadOnly || !SettingsAllowRecord())
        {
            return;
        }

        var record = new Record();
        record.Op('R', layout.Root);
        if (python is not null)
        {
            var inputs = python.Bundled || ChosenByAbsoluteSatchelPython(python) ? [SatchelVariables.Python] : InterpreterEnvironment.InputVariables;
            foreach (var name in inputs)
            {
                if (Environment.GetEnvironmentVariable(name) is { } value)
                {
                    record.Op('E', name, value);
                }
                else
                {
                    record.Op('e', name);
                }
            }

            if (Environment.GetEnvironmentVariable(SatchelVariables.Python) is { } chosen && chosen.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(chosen))
            {
                return; // relative to the working directory, which the record does not hold
            }
        }

        var locks = 0;
        for (var i = 0; i < app.Header.Units.Count; i++)
        {
            if (app.Header.Units[i].Kind != UnitKind.Bytecode && (only is null || only[i]))
            {
                record.Op('L', layout.UnitDir(app.Header.Units[i].KeyHex));
                locks++;
            }
        }

        if (python is not null)
        {
            record.Op('L', python.Venv);
            locks++;
            if (!python.Bundled)
            {
                if (BinaryStamp.OfExecutable(python.Interpreter.RealPath) is not { } stamp)
                {
                    return;
                }

                record.Op('X', python.Interpreter.RealPath, stamp.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    stamp.MtimeNanoseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                record.Op('F', InterpreterChoice.RememberedChoiceFile(app.Header, app.HeaderBytes, layout));
            }

            foreach (var file in VenvHealth.VitalFiles(python.Venv, python.Interpreter, python.Header))
            {
                record.Op('F', file);
            }

            foreach (var bytecode in app.Header.Bytecode)
            {
                if (bytecode.CacheTag == python.Interpreter.CacheTag)
                {
                    record.Op('F', BytecodeInstaller.MarkerPath(layout, app.Header, bytecode));
                }
            }
        }

        if (locks != inUse.Count && !inUse.Disabled)
        {
            return; // a directory used without its lock (none could be taken): the stub would refuse it
        }

        record.Op('T', layout.AppRecord(app.Trailer.AppIdHex));
        foreach (var name in plan.Unset ?? [])
        {
            record.Op('U', name);
        }

        foreach (var (name, value) in plan.Environment)
        {
            if ((name == SatchelVariables.App || name == SatchelVariables.Argv0) && value == userPath)
            {
                record.Op('A', name);
            }
            else if (name == "PATH" && python is not null && value == VenvFirstOnPath(python.Venv))
            {
                record.Op('P', Path.Combine(python.Venv, "bin"));
            }
            else
            {
                record.Op('S', name, value);
            }
        }

        record.Op('x', plan.Program);
        for (var i = 0; i < plan.Argv.Count - userArgs.Length; i++)
        {
            record.Op('G', plan.Argv[i]);
        }

        Store(layout.StartRecord(app.Trailer.AppIdHex), record.Text(), log);
    }

    /// <summary>
    /// SATCHEL_PYTHON an absolute path to the interpreter itself (not a pyenv shim, whose choice
    /// depends on PYENV_VERSION and the like): then discovery reads nothing else (InterpreterDiscovery),
    /// and the record checks only that variable. So a record root's `warm` wrote for a container image
    /// (docs/containers.md pins SATCHEL_PYTHON) holds for the image's user, whose HOME and PATH differ.
    /// </summary>
    private static bool ChosenByAbsoluteSatchelPython(PythonStart python) =>
        Settings.Text(SatchelVariables.Python) is { } chosen && Path.IsPathRooted(chosen)
        && CandidateFile.RealPath(chosen) == python.Interpreter.RealPath;

    /// <summary>PATH as PythonLaunchPlan sets it for a venv executable: the venv's bin first, then this process's PATH.</summary>
    private static string VenvFirstOnPath(string venv) =>
        Path.Combine(venv, "bin") + (Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? ":" + path : string.Empty);

    /// <summary>
    /// No `SATCHEL_*` variable beyond those the stub serves, verbose output (which changes no
    /// decision) and SATCHEL_TOOLS (set for `warm`, which records the start that follows it).
    /// </summary>
    private static bool SettingsAllowRecord()
    {
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("SATCHEL_", StringComparison.Ordinal)
                && name != SatchelVariables.Verbose && name != SatchelVariables.Tools && !SatchelVariables.IsWarmStartNeutral(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replaced only when it changed: most handed-over starts are first runs, the rest rare.</summary>
    private static void Store(string path, string text, Log log)
    {
        try
        {
            if (File.Exists(path) && File.ReadAllText(path, Encoding.UTF8) == text)
            {
                return;
            }

            AtomicPath.ReplaceFile(path, text);
            log.Line($"start record {path} written");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without it the next start is handed over again: slower, not wrong.
            log.Line($"start record {path} not written: {e.Message}");
        }
    }

    private sealed class Record
    {
        private readonly StringBuilder _text = new(Magic + "\0");

        public void Op(char op, params string[] arguments)
        {
            _text.Append(op).Append('\0');
            foreach (var argument in arguments)
            {
                _text.Append(argument).Append('\0');
            }
        }

        public string Text() => _text.ToString();
    }
}
