namespace Satchel.Runtime.Supervision;

/// <summary>
/// The running child as the supervisor sees it: POSIX (signals, waitpid) or Windows (console
/// events, a job object). The seam lets the supervision logic be tested with a scripted child.
/// </summary>
public interface IChildControl
{
    /// <summary>Waits for the next event, at most <paramref name="timeout"/> (null: as long as it takes).</summary>
    SupervisionEvent Wait(TimeSpan? timeout);

    /// <summary>Sends <paramref name="signal"/> to the child. Never called after <see cref="Wait"/> reported it ended.</summary>
    void Forward(int signal);

    /// <summary>Ends the child at once (SIGKILL, or terminating its job). Never called after it ended.</summary>
    void Kill();
}
