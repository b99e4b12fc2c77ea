using System.Diagnostics;
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
        var start = new ProcessStartInfo(real) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys; print('%d.%d.%d' % sys.version_info[:3])");
        using var process = Process.Start(start)!;
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        log.Line($"interpreter {real} {version}");
        return new PythonInterpreter(real, version);
    }
}
