using System.Runtime.InteropServices;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Supervision;

/// <summary>
/// The app as a supervised child on Windows: created suspended, put into a job object that kills
/// every process in it when the job's last handle closes (so the app dies with the launcher,
/// even if the launcher is killed), then resumed. Console control events are caught by a handler
/// that only records them (returning TRUE keeps the launcher alive for its clean-up) and wakes
/// the supervisor; the app gets the same events from the console itself.
/// </summary>
public sealed unsafe partial class WindowsChild : IChildControl, IDisposable
{
    private const uint CREATE_SUSPENDED = 0x4;
    private const uint CREATE_UNICODE_ENVIRONMENT = 0x400;
    private const uint WAIT_OBJECT_0 = 0;
    private const uint WAIT_TIMEOUT = 0x102;
    private const uint INFINITE = 0xFFFFFFFF;
    private const int JobObjectExtendedLimitInformation = 9;
    private const uint JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;
    private const int ExtendedLimitSize = 144; // JOBOBJECT_EXTENDED_LIMIT_INFORMATION on 64-bit
    private const int LimitFlagsOffset = 16;

    /// <summary>Console events not yet seen by the supervisor, one bit per event number.</summary>
    private static int s_pending;
    private static IntPtr s_wake;

    private IntPtr _process;
    private IntPtr _job;

    private WindowsChild(IntPtr process, IntPtr job)
    {
        _process = process;
        _job = job;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessInformation
    {
        public IntPtr Process;
        public IntPtr Thread;
        public int ProcessId;
        public int ThreadId;
    }

    [LibraryImport("kernel32.dll", EntryPoint = "CreateProcessW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateProcess(string application, char[] commandLine, IntPtr processAttributes, IntPtr threadAttributes,
        [MarshalAs(UnmanagedType.Bool)] bool inheritHandles, uint flags, IntPtr environment, IntPtr currentDirectory, byte[] startupInfo, out ProcessInformation information);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateJobObjectW", SetLastError = true)]
    private static partial IntPtr CreateJobObject(IntPtr attributes, IntPtr name);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SetInformationJobObject(IntPtr job, int infoClass, byte[] info, int length);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool AssignProcessToJobObject(IntPtr job, IntPtr process);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool TerminateJobObject(IntPtr job, uint exitCode);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial uint ResumeThread(IntPtr thread);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial uint WaitForMultipleObjects(uint count, IntPtr[] handles, [MarshalAs(UnmanagedType.Bool)] bool waitAll, uint milliseconds);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetExitCodeProcess(IntPtr process, out uint exitCode);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CloseHandle(IntPtr handle);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateEventW", SetLastError = true)]
    private static partial IntPtr CreateEvent(IntPtr attributes, [MarshalAs(UnmanagedType.Bool)] bool manualReset, [MarshalAs(UnmanagedType.Bool)] bool initialState, IntPtr name);

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SetEvent(IntPtr handle);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool SetConsoleCtrlHandler(delegate* unmanaged<uint, int> handler, [MarshalAs(UnmanagedType.Bool)] bool add);

    /// <summary>Starts <paramref name="program"/> in a kill-on-close job, with this process's environment and standard handles.</summary>
    public static WindowsChild Start(string program, IReadOnlyList<string> argv)
    {
        s_wake = CreateEvent(IntPtr.Zero, manualReset: false, initialState: false, IntPtr.Zero);
        _ = SetConsoleCtrlHandler(&OnConsoleEvent, add: true);

        var job = CreateJobObject(IntPtr.Zero, IntPtr.Zero);
        var limits = new byte[ExtendedLimitSize];
        BitConverter.TryWriteBytes(limits.AsSpan(LimitFlagsOffset), JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE);
        if (job == IntPtr.Zero || !SetInformationJobObject(job, JobObjectExtendedLimitInformation, limits, limits.Length))
        {
            throw new SatchelException(ExitCodes.Software, $"cannot create a job object for {program}: error {Marshal.GetLastPInvokeError()}");
        }

        var startup = new byte[IntPtr.Size == 8 ? 104 : 68]; // STARTUPINFOW, cb first, the rest zero: inherit the console
        BitConverter.TryWriteBytes(startup, startup.Length);
        var commandLine = (WindowsCommandLine.Join(argv) + "\0").ToCharArray();
        if (!CreateProcess(program, commandLine, IntPtr.Zero, IntPtr.Zero, inheritHandles: true, CREATE_SUSPENDED | CREATE_UNICODE_ENVIRONMENT,
                IntPtr.Zero, IntPtr.Zero, startup, out var info))
        {
            var error = Marshal.GetLastPInvokeError();
            _ = CloseHandle(job);
            throw new SatchelException(ExitCodes.Unavailable, $"cannot run {program}: error {error}");
        }

        if (!AssignProcessToJobObject(job, info.Process))
        {
            // Without the job the app would outlive a killed launcher; better not to run it.
            var error = Marshal.GetLastPInvokeError();
            _ = TerminateJobObject(job, 1);
            _ = CloseHandle(info.Thread);
            _ = CloseHandle(info.Process);
            _ = CloseHandle(job);
            throw new SatchelException(ExitCodes.Software, $"cannot put {program} into a job object: error {error}");
        }

        _ = ResumeThread(info.Thread);
        _ = CloseHandle(info.Thread);
        return new WindowsChild(info.Process, job);
    }

    public SupervisionEvent Wait(TimeSpan? timeout)
    {
        if (TakePendingEvent() is { } pending)
        {
            return pending;
        }

        var milliseconds = timeout is { } t ? (uint)Math.Min(t.Ticks / TimeSpan.TicksPerMillisecond, INFINITE - 1) : INFINITE;
        var woke = WaitForMultipleObjects(2, [_process, s_wake], waitAll: false, milliseconds);
        if (woke == WAIT_OBJECT_0)
        {
            _ = GetExitCodeProcess(_process, out var code);
            _ = CloseHandle(_process);
            _process = IntPtr.Zero;
            return SupervisionEvent.Ended(ChildStatus.Exited((int)code));
        }

        return woke == WAIT_TIMEOUT ? SupervisionEvent.Nothing : TakePendingEvent() ?? SupervisionEvent.Nothing;
    }

    /// <summary>Console events already reached the app through its console; nothing to send.</summary>
    public void Forward(int signal)
    {
    }

    public void Kill()
    {
        if (_process != IntPtr.Zero)
        {
            _ = TerminateJobObject(_job, 1);
        }
    }

    public void Dispose()
    {
        if (_job != IntPtr.Zero)
        {
            _ = CloseHandle(_job); // kill-on-close: whatever of the app is left ends here
            _job = IntPtr.Zero;
        }

        if (_process != IntPtr.Zero)
        {
            _ = CloseHandle(_process);
            _process = IntPtr.Zero;
        }
    }

    private static SupervisionEvent? TakePendingEvent()
    {
        var pending = Interlocked.Exchange(ref s_pending, 0);
        for (var e = 0; pending != 0 && e < 32; e++)
        {
            if ((pending & (1 << e)) != 0)
            {
                // Put back the others for the next Wait.
                _ = Interlocked.Or(ref s_pending, pending & ~(1 << e));
                return ConsoleEvents.ToEvent(e);
            }
        }

        return null;
    }

    [UnmanagedCallersOnly]
    private static int OnConsoleEvent(uint consoleEvent)
    {
        if (consoleEvent < 32)
        {
            _ = Interlocked.Or(ref s_pending, 1 << (int)consoleEvent);
        }

        _ = SetEvent(s_wake);
        return 1; // handled: the launcher stays to clean up
    }
}
