using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Satchel.Runtime.Posix;

/// <summary>The outcome of a short child process whose standard output was captured.</summary>
public sealed record SpawnOutcome(int ExitCode, string StdOut, bool TimedOut);

/// <summary>
/// Runs a short helper process (e.g. an interpreter probe) with posix_spawn(3) and captures its
/// stdout. The launcher uses this instead of System.Diagnostics.Process, which would add about
/// half a megabyte to every app; stderr and stdin are inherited from /dev/null-free defaults
/// (stdin is /dev/null, stderr is discarded).
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

    public static SpawnOutcome Run(string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        Span<int> pipe = stackalloc int[2];
        if (Pipe2(pipe, LibC.O_CLOEXEC) != 0)
        {
            throw new IOException($"cannot create a pipe: {LibC.StrError(Marshal.GetLastPInvokeError())}");
        }

        var actions = Marshal.AllocHGlobal(256); // larger than posix_spawn_file_actions_t on every libc
        var strings = new List<IntPtr>();
        try
        {
            if (FileActionsInit(actions) != 0
                || FileActionsAddOpen(actions, 0, "/dev/null", LibC.O_RDONLY, 0) != 0
                || FileActionsAddDup2(actions, pipe[1], 1) != 0
                || FileActionsAddOpen(actions, 2, "/dev/null", LibC.O_RDWR, 0) != 0)
            {
                throw new IOException($"cannot prepare to run {program}");
            }
            var args = ToArray(argv, strings);
            var env = ToArray(environment.Select(kv => kv.Key + "=" + kv.Value).ToList(), strings);
            var error = Spawn(out var pid, program, actions, IntPtr.Zero, args, env);
            _ = LibC.Close(pipe[1]);
            pipe[1] = -1;
            if (error != 0)
            {
                throw new IOException($"cannot run {program}: {LibC.StrError(error)}", error);
            }

            return Collect(pid, pipe[0], timeout);
        }
        finally
        {
            _ = FileActionsDestroy(actions);
            Marshal.FreeHGlobal(actions);
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            _ = LibC.Close(pipe[0]);
            if (pipe[1] >= 0)
            {
                _ = LibC.Close(pipe[1]);
            }
        }
    }

    private static SpawnOutcome Collect(int pid, int fd, TimeSpan timeout)
    {
        // Non-blocking reads polled with the child's state, so a hung child cannot hang the launcher.
        const int F_SETFL = 4, O_NONBLOCK = 0x800;
        _ = Fcntl(fd, F_SETFL, O_NONBLOCK);
        var output = new MemoryStream();
        var buffer = new byte[8192];
        var clock = Stopwatch.StartNew();
        int status;
        while (true)
        {
            var read = LibC.Read(fd, buffer, buffer.Length);
            if (read > 0)
            {
                output.Write(buffer, 0, (int)read);
                continue;
            }

            var done = WaitPid(pid, out status, WNOHANG);
            if (done == pid)
            {
                while ((read = LibC.Read(fd, buffer, buffer.Length)) > 0)
                {
                    output.Write(buffer, 0, (int)read);
                }

                break;
            }

            if (clock.Elapsed > timeout)
            {
                _ = LibC.Kill(pid, SIGKILL);
                _ = WaitPid(pid, out _, 0);
                return new SpawnOutcome(-1, Encoding.UTF8.GetString(output.ToArray()), TimedOut: true);
            }

            Thread.Sleep(1);
        }

        // WIFEXITED → WEXITSTATUS; killed by a signal → 128 + signal, as shells report it.
        var code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
        return new SpawnOutcome(code, Encoding.UTF8.GetString(output.ToArray()), TimedOut: false);
    }

    private static IntPtr[] ToArray(IReadOnlyList<string> values, List<IntPtr> owned)
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
