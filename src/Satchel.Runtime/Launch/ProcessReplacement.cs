using System.Runtime.InteropServices;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Launch;

/// <summary>
/// Starts the app in place of the launcher: execv(2) on Unix, so no launcher process stays
/// behind and signals, the pid and the exit status belong to the app itself.
/// </summary>
internal static class ProcessReplacement
{
    /// <summary>Adds or replaces variables in the C environment that execv passes on.</summary>
    public static void SetEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var (name, value) in variables)
        {
            if (LibC.SetEnv(name, value, 1) != 0)
            {
                throw new SatchelException(ExitCodes.Usage, $"cannot set environment variable '{name}': {LibC.StrError(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    public static void UnsetEnvironment(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            LibC.UnsetEnv(name);
        }
    }

    /// <summary>Replaces this process; returns only by throwing.</summary>
    public static void Exec(string program, IReadOnlyList<string> argv)
    {
        var pointers = new IntPtr[argv.Count + 1];
        for (var i = 0; i < argv.Count; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        }

        SignalMask.RestoreDefaultPipeSignal();
        LibC.Execv(program, pointers);
        var errno = Marshal.GetLastPInvokeError();
        foreach (var p in pointers)
        {
            Marshal.FreeCoTaskMem(p);
        }

        throw new SatchelException(ExitCodes.Unavailable, StartFailure.Describe(program, errno));
    }
}
