using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Satchel.Runtime.Posix;

/// <summary>The outcome of a short child process whose standard output (and optionally standard error) was captured.</summary>
public sealed record SpawnOutcome(int ExitCode, string StdOut, bool TimedOut, string StdErr = "");

/// <summary>
/// Runs a short helper process (e.g. an interpreter probe) with posix_spawn(3) and captures its
/// stdout. The launcher uses this instead of System.Diagnostics.Process, which would add about
/// half a megabyte to every app. stdin is /dev/null; stderr is discarded unless asked for
/// (an interpreter probe quotes a failing Python's last words in its error).
/// </summary>
public static partial class SpawnedProcess
{
    private const int WNOHANG = 1;
    private const int SIGKILL = 9;

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(IntPtr actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(IntPtr actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(IntPtr actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddOpen(IntPtr actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Spawn(out int pid, string path, IntPtr actions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(Span<int> fds, int flags);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    public static SpawnOutcome Run(
        string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, bool captureStandardError = false)
    {
        Span<int> pipe = [-1, -1];
        Span<int> errorPipe = [-1, -1];
        if (Pipe2(pipe, LibC.O_CLOEXEC) != 0 || (captureStandardError && Pipe2(errorPipe, LibC.O_CLOEXEC) != 0))
        {
            var errno = Marshal.GetLastPInvokeError();
            CloseAll(pipe);
            throw new IOException($"cannot create a pipe: {LibC.StrError(errno)}");
        }

        var actions = Marshal.AllocHGlobal(256); // larger than posix_spawn_file_actions_t on every libc
        var strings = new List<IntPtr>();
        try
        {
            if (FileActionsInit(actions) != 0
                || FileActionsAddOpen(actions, 0, "/dev/null", LibC.O_RDONLY, 0) != 0
                || FileActionsAddDup2(actions, pipe[1], 1) != 0
                || (captureStandardError
                    ? FileActionsAddDup2(actions, errorPipe[1], 2) != 0
                    : FileActionsAddOpen(actions, 2, "/dev/null", LibC.O_RDWR, 0) != 0))
            {
                throw new IOException($"cannot prepare to run {program}");
            }
            var args = ToCStrings(argv, strings);
            var pairs = new List<string>(environment.Count);
            foreach (var (key, value) in environment)
            {
                pairs.Add(key + "=" + value);
            }

            var env = ToCStrings(pairs, strings);
            var error = Spawn(out var pid, program, actions, IntPtr.Zero, args, env);
            CloseWriteEnds(pipe, errorPipe);
            if (error != 0)
            {
                throw new IOException($"cannot run {program}: {LibC.StrError(error)}", error);
            }

            return Collect(pid, pipe[0], errorPipe[0], timeout);
        }
        finally
        {
            _ = FileActionsDestroy(actions);
            Marshal.FreeHGlobal(actions);
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            CloseAll(pipe);
            CloseAll(errorPipe);
        }
    }

    private static void CloseWriteEnds(Span<int> pipe, Span<int> errorPipe)
    {
        _ = LibC.Close(pipe[1]);
        pipe[1] = -1;
        if (errorPipe[1] >= 0)
        {
            _ = LibC.Close(errorPipe[1]);
            errorPipe[1] = -1;
        }
    }

    private static void CloseAll(Span<int> fds)
    {
        foreach (var fd in fds)
        {
            if (fd >= 0)
            {
                _ = LibC.Close(fd);
            }
        }
    }

    private static SpawnOutcome Collect(int pid, int fd, int errorFd, TimeSpan timeout)
    {
        // Non-blocking reads polled with the child's state, so a hung child cannot hang the launcher.
        const int F_SETFL = 4, O_NONBLOCK = 0x800;
        _ = Fcntl(fd, F_SETFL, O_NONBLOCK);
        if (errorFd >= 0)
        {
            _ = Fcntl(errorFd, F_SETFL, O_NONBLOCK);
        }

        var output = new MemoryStream();
        var errors = new MemoryStream();
        var buffer = new byte[8192];
        var clock = Stopwatch.StartNew();
        int status;
        while (true)
        {
            // Both pipes every round: a child blocked on a full stderr pipe would never exit.
            if (Drain(fd, output, buffer) | Drain(errorFd, errors, buffer))
            {
                continue;
            }

            var done = WaitPid(pid, out status, WNOHANG);
            if (done == pid)
            {
                while (Drain(fd, output, buffer) | Drain(errorFd, errors, buffer))
                {
                }

                break;
            }

            if (clock.Elapsed > timeout)
            {
                _ = LibC.Kill(pid, SIGKILL);
                _ = WaitPid(pid, out _, 0);
                return new SpawnOutcome(-1, Encoding.UTF8.GetString(output.ToArray()), TimedOut: true, Encoding.UTF8.GetString(errors.ToArray()));
            }

            Thread.Sleep(1);
        }

        // WIFEXITED → WEXITSTATUS; killed by a signal → 128 + signal, as shells report it.
        var code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
        return new SpawnOutcome(code, Encoding.UTF8.GetString(output.ToArray()), TimedOut: false, Encoding.UTF8.GetString(errors.ToArray()));
    }

    /// <summary>Appends what can be read now; false when nothing could (empty pipe, end of stream, or no pipe).</summary>
    private static bool Drain(int fd, MemoryStream into, byte[] buffer)
    {
        if (fd < 0)
        {
            return false;
        }

        var read = LibC.Read(fd, buffer, buffer.Length);
        if (read <= 0)
        {
            return false;
        }

        into.Write(buffer, 0, (int)read);
        return true;
    }

    /// <summary>A NULL-terminated array of C strings for argv or envp; the caller frees <paramref name="owned"/>.</summary>
    internal static IntPtr[] ToCStrings(IReadOnlyList<string> values, List<IntPtr> owned)
    {
        var array = new IntPtr[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            array[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            owned.Add(array[i]);
        }

        return array;
    }
}
