using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Python;

/// <summary>
/// Compiles every `.py` file under some directories with one interpreter, the way Python would
/// on import but ahead of time and whatever PYTHONDONTWRITEBYTECODE says: `compileall` writes
/// `__pycache__/NAME.TAG.pyc` beside each source (unchecked-hash pycs, PEP 552: the cache's files
/// never change, so Python need not compare each one with its source). Used by `warm` for the
/// venv (its start hook) and for the units of an interpreter the build compiled nothing for. Files
/// that do not compile (Python 2 templates some wheels carry) are skipped silently, as Python
/// would simply not cache them.
/// </summary>
public static class BytecodeCompiler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    private const string Script =
        "import compileall, py_compile, sys\n"
        + "mode = py_compile.PycInvalidationMode.UNCHECKED_HASH\n"
        + "for d in sys.argv[1:]:\n"
        + "    compileall.compile_dir(d, maxlevels=10**6, quiet=2, invalidation_mode=mode)\n";

    public static void Compile(PythonInterpreter interpreter, IReadOnlyList<string> directories, Log log)
    {
        if (directories.Count == 0)
        {
            return;
        }

        // -I: neither the user's site nor PYTHON* variables change what compiles (or where).
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = SpawnedProcess.Run(interpreter.RealPath, [interpreter.RealPath, "-I", "-c", Script, .. directories], environment, Timeout, captureStandardError: true);
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            var detail = outcome.StdErr.Trim();
            var last = detail.LastIndexOf('\n');
            throw new SatchelException(ExitCodes.Unavailable,
                $"{interpreter.RealPath} could not compile bytecode in {directories[0]} ({(outcome.TimedOut ? "timed out" : "exit " + outcome.ExitCode)}{(detail.Length > 0 ? ": " + detail[(last + 1)..] : string.Empty)}); check that the interpreter works, or choose another with SATCHEL_PYTHON");
        }

        log.Line($"bytecode compiled by {interpreter.RealPath} in {directories.Count} directories ({DurationText.Milliseconds(clock.Elapsed)})");
    }
}
