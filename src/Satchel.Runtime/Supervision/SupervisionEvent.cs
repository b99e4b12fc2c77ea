namespace Satchel.Runtime.Supervision;

/// <summary>What woke the supervisor.</summary>
public enum SupervisionEventKind
{
    /// <summary>Nothing happened before the timeout (or the wait was interrupted): look at the clock.</summary>
    TimedOut,

    /// <summary>The launcher received a signal (Windows: a console control event mapped to one).</summary>
    Signal,

    /// <summary>The child ended and has been reaped: its pid is no longer ours to signal.</summary>
    Exited,
}

/// <summary>
/// One event. <see cref="AlreadyDelivered"/> is true when the signal reached the child without
/// us: the terminal sends Ctrl-C, Ctrl-\ and hang-up to the whole foreground process group, and
/// Windows sends console events to every process of the console; forwarding those would deliver
/// them twice.
/// </summary>
public readonly record struct SupervisionEvent(SupervisionEventKind Kind, int Signal = 0, bool AlreadyDelivered = false, ChildStatus Status = default)
{
    public static SupervisionEvent Nothing => new(SupervisionEventKind.TimedOut);

    public static SupervisionEvent Ended(ChildStatus status) => new(SupervisionEventKind.Exited, Status: status);

    public static SupervisionEvent Received(int signal, bool alreadyDelivered) => new(SupervisionEventKind.Signal, signal, alreadyDelivered);
}
