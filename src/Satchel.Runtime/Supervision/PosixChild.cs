using System.Runtime.InteropServices;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Supervision;

/// <summary>
/// The app started with posix_spawn(3) as the launcher's child, in the launcher's process group
/// (so it keeps the terminal) with an empty signal mask, and watched through the signals the
/// launcher blocked beforehand (<see cref="SignalMask"/>): SIGCHLD says it may have ended, the
/// others are for forwarding. The pid is forgotten the moment waitpid reaps it.
/// </summary>
public sealed partial class PosixChild : IChildControl
{
    private const int WNOHANG = 1;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;

    private readonly byte[] _watched;
    private int _pid;

    private PosixChild(int pid, byte[] watched)
    {
        _pid = pid;
        _watched = watched;
    }

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int AttrInit(IntPtr attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int AttrDestroy(IntPtr attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int AttrSetFlags(IntPtr attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int AttrSetSigDefault(IntPtr attributes, byte[] signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int AttrSetSigMask(IntPtr attributes, byte[] mask);

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Spawn(out int pid, string path, IntPtr actions, IntPtr attributes, IntPtr[] argv, IntPtr envp);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);

    /// <summary>The signals the launcher must have blocked (with <see cref="SignalMask.Block"/>) before extracting and spawning.</summary>
    public static byte[] WatchedSignals()
    {
        var forwarded = SignalNumbers.Forwarded;
        var all = new int[forwarded.Length + 1];
        forwarded.CopyTo(all, 0);
        all[^1] = SignalNumbers.Child;
        return SignalMask.SetOf(all);
    }

    /// <summary>
    /// Starts <paramref name="program"/> with this process's C environment (which the caller
    /// adjusted with setenv/unsetenv); standard streams and descriptors without close-on-exec are inherited.
    /// </summary>
    public static PosixChild Start(string program, IReadOnlyList<string> argv, byte[] watched)
    {
        var attributes = Marshal.AllocHGlobal(1024); // larger than posix_spawnattr_t on every libc
        var strings = new List<IntPtr>();
        try
        {
            // The .NET runtime ignores SIGPIPE in the launcher; the app starts with the default, as
            // from a shell, and with nothing blocked.
            if (AttrInit(attributes) != 0
                || AttrSetFlags(attributes, (short)(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) != 0
                || AttrSetSigMask(attributes, SignalMask.Empty()) != 0
                || AttrSetSigDefault(attributes, SignalMask.SetOf([SignalMask.SIGPIPE])) != 0)
            {
                throw new SatchelException(ExitCodes.Software, $"cannot prepare to run {program}");
            }

            var error = Spawn(out var pid, program, IntPtr.Zero, attributes, SpawnedProcess.ToCStrings(argv, strings), CEnvironment.Current);
            if (error != 0)
            {
                throw new SatchelException(ExitCodes.Unavailable, StartFailure.Describe(program, error, SatchelVariables.Temp));
            }

            return new PosixChild(pid, watched);
        }
        finally
        {
            _ = AttrDestroy(attributes);
            Marshal.FreeHGlobal(attributes);
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }
        }
    }

    public int Pid => _pid;

    public SupervisionEvent Wait(TimeSpan? timeout)
    {
        // Reap first: a SIGCHLD that arrived before we waited is merged with any later one.
        if (TryReap() is { } status)
        {
            return SupervisionEvent.Ended(status);
        }

        var signal = SignalMask.Take(_watched, timeout, out var fromKernel);
        if (signal == 0 || signal == SignalNumbers.Child)
        {
            return TryReap() is { } ended ? SupervisionEvent.Ended(ended) : SupervisionEvent.Nothing;
        }

        // A kernel-generated signal (terminal) went to the whole process group, the child included.
        return SupervisionEvent.Received(signal, alreadyDelivered: fromKernel);
    }

    public void Forward(int signal)
    {
        if (_pid > 0)
        {
            _ = LibC.Kill(_pid, signal);
        }
    }

    public void Kill() => Forward(SignalNumbers.Kill);

    private ChildStatus? TryReap()
    {
        while (_pid > 0)
        {
            var done = WaitPid(_pid, out var status, WNOHANG);
            if (done == _pid)
            {
                _pid = 0;
                return ChildStatus.FromWaitStatus(status);
            }

            if (done == 0)
            {
                return null;
            }

            if (Marshal.GetLastPInvokeError() != LibC.EINTR)
            {
                throw new IOException($"waitpid failed: {LibC.StrError(Marshal.GetLastPInvokeError())}");
            }
        }

        return null;
    }
}
