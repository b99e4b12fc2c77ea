using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Supervision;

/// <summary>
/// Waits for a child while passing signals on: every forwarded signal reaches the child (unless
/// it got it already from the terminal); the first terminating one (INT, TERM, HUP, QUIT) starts
/// the grace period, at whose end the child is killed. Returns the child's status once it has
/// been reaped, so nothing is ever sent to a pid that may have been reused.
/// </summary>
public sealed class Supervisor(IChildControl child, TimeSpan grace, IClock clock, Log log)
{
    public ChildStatus Run()
    {
        TimeSpan? deadline = null;
        while (true)
        {
            TimeSpan? timeout = deadline is { } end ? Max(end - clock.Now, TimeSpan.Zero) : null;
            var e = child.Wait(timeout);
            switch (e.Kind)
            {
                case SupervisionEventKind.Exited:
                    return e.Status;
                case SupervisionEventKind.Signal:
                    if (!e.AlreadyDelivered)
                    {
                        log.Line($"forwarding signal {e.Signal} to the app");
                        child.Forward(e.Signal);
                    }

                    if (deadline is null && SignalNumbers.IsTerminating(e.Signal))
                    {
                        deadline = clock.Now + grace;
                        log.Line($"signal {e.Signal}: the app has {DurationText.WholeMilliseconds(grace)} to exit");
                    }

                    break;
                default:
                    if (deadline is { } due && clock.Now >= due)
                    {
                        log.Line("grace period over: killing the app");
                        child.Kill();
                        deadline = null;
                    }

                    break;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
