using System.Runtime.InteropServices;
using Xunit;

namespace Satchel.Testing;

/// <summary>Real signals for tests: kill(2) on a pid, or on a process group with a negative pid.</summary>
public static partial class UnixSignals
{
    public static void Send(int pid, int signal) => Assert.True(Kill(pid, signal) == 0, $"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
