namespace Satchel.Runtime.Errors;

/// <summary>
/// A failure a user can cause or meet. The message is the one line the user sees: what
/// happened, to which path, and what to do. The top level turns it into that line and the exit
/// code; it never reaches the user as a stack trace.
/// </summary>
public class SatchelException(int exitCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The app file or a cached unit is corrupt, truncated or hostile (exit 65).</summary>
public sealed class CorruptPayloadException(string path, string what)
    : SatchelException(ExitCodes.Data,
        $"{path}: {what}; the file is damaged or was not made by satchel: rebuild or download it again")
{
    public string Path { get; } = path;

    /// <summary>What is wrong, without the path and the advice: `satchel verify` lists several.</summary>
    public string What { get; } = what;
}

/// <summary>A file lock was not released in time (exit 75).</summary>
public sealed class LockTimeoutException(string lockPath, TimeSpan waited, int? holderPid)
    : SatchelException(ExitCodes.TempFail,
        $"timed out after {Diagnostics.DurationText.Seconds(waited)} waiting for lock {lockPath}"
        + (holderPid is { } pid ? $" (held by pid {pid})" : string.Empty)
        + "; another satchel process is extracting or hung: wait, stop it, or raise SATCHEL_LOCK_TIMEOUT (seconds)")
{
    public string LockPath { get; } = lockPath;
}
