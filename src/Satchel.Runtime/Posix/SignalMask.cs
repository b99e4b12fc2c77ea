using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// The libc signal calls a temp-mode launcher needs to supervise its child without a signal
/// handler: the forwarded signals and SIGCHLD are blocked and collected synchronously with
/// sigtimedwait(2). No handler means no managed code ever runs in signal context, and no
/// System.Console / PosixSignalRegistration machinery in the launcher. Linux only (macOS has no
/// sigtimedwait).
/// </summary>
internal static partial class SignalMask
{
    private const int SIG_BLOCK = 0;
    private const int SIG_UNBLOCK = 1;
    private const int EAGAIN = 11;
    private const int SetSize = 128; // sizeof(sigset_t) in glibc and musl
    private const int InfoSize = 128; // sizeof(siginfo_t)
    private const int SI_KERNEL = 0x80;
    private const int RLIMIT_CORE = 4;

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(byte[] set);

    [LibraryImport("libc", EntryPoint = "sigaddset")]
    private static partial int SigAddSet(byte[] set, int signal);

    [LibraryImport("libc", EntryPoint = "pthread_sigmask")]
    private static partial int PthreadSigMask(int how, byte[] set, byte[]? old);

    [LibraryImport("libc", EntryPoint = "sigtimedwait", SetLastError = true)]
    private static partial int SigTimedWait(byte[] set, byte[] info, ref TimeSpec timeout);

    [LibraryImport("libc", EntryPoint = "sigtimedwait", SetLastError = true)]
    private static partial int SigWaitInfo(byte[] set, byte[] info, IntPtr noTimeout);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);

    [LibraryImport("libc", EntryPoint = "raise")]
    private static partial int Raise(int signal);


    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>A sigset_t holding <paramref name="signals"/>.</summary>
    public static byte[] SetOf(ReadOnlySpan<int> signals)
    {
        var set = new byte[SetSize];
        _ = SigEmptySet(set);
        foreach (var signal in signals)
        {
            _ = SigAddSet(set, signal);
        }

        return set;
    }

    /// <summary>An empty sigset_t: what the child starts with.</summary>
    public static byte[] Empty() => SetOf([]);

    /// <summary>Blocks <paramref name="set"/> in the calling thread (and every thread it creates later).</summary>
    public static void Block(byte[] set) => _ = PthreadSigMask(SIG_BLOCK, set, null);

    /// <summary>
    /// Blocks <paramref name="set"/> in the calling thread and in the runtime's finalizer thread,
    /// which exists before Main. A process-directed signal goes to any thread that does not block
    /// it: left unblocked there, a SIGTERM arriving while the main thread extracts would take its
    /// default action (the launcher dies, no clean-up) instead of waiting for sigtimedwait.
    /// Threads created later inherit the main thread's mask.
    /// </summary>
    public static void BlockInAllThreads(byte[] set)
    {
        Block(set);
        PlantFinalizer(set);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void PlantFinalizer(byte[] set) => _ = new FinalizerThreadMask(set);

    /// <summary>An object whose only purpose is to run <see cref="Block"/> on the finalizer thread.</summary>
    private sealed class FinalizerThreadMask(byte[] set)
    {
        ~FinalizerThreadMask() => Block(set);
    }

    public static void Unblock(byte[] set) => _ = PthreadSigMask(SIG_UNBLOCK, set, null);

    /// <summary>
    /// Takes one pending signal of <paramref name="set"/>, waiting at most <paramref name="timeout"/>
    /// (null: forever). Returns 0 when none came (timeout or interrupted). <paramref name="fromKernel"/>
    /// is true for a signal the kernel generated for a whole process group (terminal Ctrl-C, Ctrl-\,
    /// hang-up) rather than one a process sent with kill(2).
    /// </summary>
    public static int Take(byte[] set, TimeSpan? timeout, out bool fromKernel)
    {
        var info = new byte[InfoSize];
        int signal;
        if (timeout is { } t)
        {
            var spec = new TimeSpec { Seconds = t.Ticks / TimeSpan.TicksPerSecond, Nanoseconds = t.Ticks % TimeSpan.TicksPerSecond * 100 };
            signal = SigTimedWait(set, info, ref spec);
        }
        else
        {
            signal = SigWaitInfo(set, info, IntPtr.Zero);
        }

        if (signal <= 0)
        {
            // EAGAIN: the timeout passed; EINTR: a signal outside the set interrupted the wait.
            var errno = Marshal.GetLastPInvokeError();
            fromKernel = false;
            return errno == EAGAIN || errno == LibC.EINTR ? 0 : throw new IOException($"sigtimedwait failed: {LibC.StrError(errno)}");
        }

        // siginfo_t: si_signo, si_errno, si_code (three ints) on Linux.
        fromKernel = BitConverter.ToInt32(info, 8) == SI_KERNEL;
        return signal;
    }

    /// <summary>SIGPIPE's number (13 on Linux and macOS alike).</summary>
    public const int SIGPIPE = 13;

    /// <summary>
    /// Gives SIGPIPE back its default disposition. The .NET runtime ignores it, and an ignored
    /// signal stays ignored across execv: a packed `yes | head` would then see EPIPE errors
    /// instead of ending quietly, unlike the same program started by a shell.
    /// </summary>
    public static void RestoreDefaultPipeSignal() => _ = Signal(SIGPIPE, IntPtr.Zero); // SIG_DFL

    /// <summary>
    /// Ends this process with <paramref name="signal"/>, as the child ended, so the caller sees the
    /// same status: default disposition, no core file (the child wrote one if it was to), unblocked,
    /// raised. Returns only if the signal did not end the process.
    /// </summary>
    public static void DieBy(int signal)
    {
        var noCore = new LibC.RLimit();
        _ = LibC.SetRLimit(RLIMIT_CORE, in noCore);
        _ = Signal(signal, IntPtr.Zero); // SIG_DFL
        Unblock(SetOf([signal]));
        _ = Raise(signal);
    }
}
