using System.Runtime.InteropServices;

namespace Satchel.Windows.Tests.Helpers;

/// <summary>The console calls the Ctrl-C cases need, and a handler that records the events this process got.</summary>
internal static unsafe partial class ConsoleControl
{
    public const uint CtrlCEvent = 0;
    public const uint CtrlBreakEvent = 1;

    private static int s_received = -1;

    /// <summary>The last console event this process's handler got; -1 for none.</summary>
    public static int Received => Volatile.Read(ref s_received);

    /// <summary>Records events and returns TRUE: this process stays alive whatever it gets.</summary>
    public static void Catch() => _ = SetConsoleCtrlHandler(&OnEvent, add: true);

    /// <summary>Sends <paramref name="consoleEvent"/> to every process attached to this console (group 0); the Windows error if it fails.</summary>
    public static int SendToConsole(uint consoleEvent) => GenerateConsoleCtrlEvent(consoleEvent, 0) ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GenerateConsoleCtrlEvent(uint consoleEvent, uint processGroup);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SetConsoleCtrlHandler(delegate* unmanaged<uint, int> handler, [MarshalAs(UnmanagedType.Bool)] bool add);

    [UnmanagedCallersOnly]
    private static int OnEvent(uint consoleEvent)
    {
        Volatile.Write(ref s_received, (int)consoleEvent);
        return 1;
    }
}
