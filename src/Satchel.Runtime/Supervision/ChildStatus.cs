namespace Satchel.Runtime.Supervision;

/// <summary>How a supervised child ended: an exit code, or the signal that killed it (Signal &gt; 0).</summary>
public readonly record struct ChildStatus(int ExitCode, int Signal)
{
    public static ChildStatus Exited(int code) => new(code, 0);

    public static ChildStatus KilledBy(int signal) => new(128 + signal, signal);

    public bool IsSignaled => Signal > 0;

    /// <summary>Decodes a waitpid(2) status: WIFEXITED → WEXITSTATUS, WIFSIGNALED → WTERMSIG.</summary>
    public static ChildStatus FromWaitStatus(int status) =>
        (status & 0x7f) == 0 ? Exited((status >> 8) & 0xff) : KilledBy(status & 0x7f);
}
