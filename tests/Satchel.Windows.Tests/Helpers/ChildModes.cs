using System.Runtime.InteropServices;
using System.Text.Json;
using Satchel.Windows.Tests.Host;

namespace Satchel.Windows.Tests.Helpers;

/// <summary>The app a supervising launcher starts, in the modes the launch cases need.</summary>
internal static partial class ChildModes
{
    /// <summary>STATUS_CONTROL_C_EXIT: what a console program killed by Ctrl-C exits with (Python since 3.8 included).</summary>
    public const int ControlCExit = unchecked((int)0xC000013A);

    /// <summary>
    /// `argv OUTPUT ...`: splits this process's own command line (GetCommandLineW) with
    /// CommandLineToArgvW, as a C or Python program sees it, and writes the arguments to OUTPUT as JSON.
    /// </summary>
    public static int WriteArgv(string[] args)
    {
        var argv = CommandLineToArgv(GetCommandLine());
        File.WriteAllText(args[0], JsonSerializer.Serialize(argv));
        return 0;
    }

    /// <summary>`exit CODE`: ends with that exit code (any 32-bit value).</summary>
    public static int Exit(string[] args) => int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// `await-ctrl-c HANDSHAKE REPORT exit|ignore`: holds a file of its run directory open (without
    /// share-delete, so the launcher can only remove the directory after this process ended), says
    /// ready with its pid, and waits for a Ctrl-C: then writes REPORT and exits with
    /// STATUS_CONTROL_C_EXIT, or, with `ignore`, carries on until released or killed.
    /// </summary>
    public static int AwaitCtrlC(string[] args)
    {
        var handshake = new Handshake(args[0]);
        ConsoleControl.Catch();
        using var held = new FileStream(Path.Combine(Environment.GetEnvironmentVariable("SATCHEL_APP_DIR")!, "held.txt"), FileMode.Create, FileAccess.Write, FileShare.Read);
        handshake.SayReady(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Conditions.WaitUntil(() => ConsoleControl.Received >= 0 || File.Exists(handshake.ReleaseFile), Handshake.Deadline * 2, "Ctrl-C", throwOnTimeout: false);
        File.WriteAllText(args[1], $"event {ConsoleControl.Received}");
        if (args[2] == "ignore")
        {
            handshake.WaitForRelease();
            return 0;
        }

        return ConsoleControl.Received == ConsoleControl.CtrlCEvent ? ControlCExit : 1;
    }

    private static List<string> CommandLineToArgv(string commandLine)
    {
        var argv = CommandLineToArgvW(commandLine, out var count);
        if (argv == IntPtr.Zero)
        {
            throw new InvalidOperationException($"CommandLineToArgvW failed: error {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            var result = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                result.Add(Marshal.PtrToStringUni(Marshal.ReadIntPtr(argv, i * IntPtr.Size))!);
            }

            return result;
        }
        finally
        {
            _ = LocalFree(argv);
        }
    }

    private static string GetCommandLine() => Marshal.PtrToStringUni(GetCommandLineW())!;

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetCommandLineW();

    [LibraryImport("shell32.dll", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    private static partial IntPtr CommandLineToArgvW(string commandLine, out int count);

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr LocalFree(IntPtr memory);
}
