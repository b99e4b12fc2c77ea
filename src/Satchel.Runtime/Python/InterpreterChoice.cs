using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Python;

/// <summary>
/// Chooses the interpreter a Python app runs with. Interim version: SATCHEL_PYTHON only; the
/// discovery and facts cache of Interpreters/ replace it.
/// </summary>
public static class InterpreterChoice
{
    public static PythonInterpreter Select(string requirement, CacheLayout layout, Log log)
    {
        _ = layout;
        var python = Settings.Text("SATCHEL_PYTHON") ?? throw new SatchelException(ExitCodes.Unavailable,
            $"no Python interpreter found for requirement '{requirement}'; set SATCHEL_PYTHON");
        var real = CacheRoot.RealPath(python, "SATCHEL_PYTHON");
        var outcome = Posix.SpawnedProcess.Run(real, [real, "-I", "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
            new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        var version = outcome.StdOut.Trim();
        log.Line($"interpreter {real} {version}");
        return new PythonInterpreter(real, version);
    }
}
