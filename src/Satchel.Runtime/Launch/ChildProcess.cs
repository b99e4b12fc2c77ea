using System.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Launch;

/// <summary>
/// Starts the app as a child and waits for it, passing its exit code back: what Windows needs,
/// since it has no exec. Standard streams are inherited.
/// </summary>
internal static class ChildProcess
{
    public static int RunAndWait(string program, IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environment, IEnumerable<string> unset)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        for (var i = 1; i < argv.Count; i++)
        {
            start.ArgumentList.Add(argv[i]);
        }

        foreach (var name in unset)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start) ?? throw new SatchelException(ExitCodes.Unavailable, $"cannot run {program}");
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SatchelException(ExitCodes.Unavailable, $"cannot run {program}: {e.Message}");
        }
    }
}
