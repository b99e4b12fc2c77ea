using Satchel.Runtime.Supervision;
using Satchel.Testing.SimulatedFileSystem;
using Xunit;

namespace Satchel.Runtime.Tests.Supervision;

/// <summary>
/// A child whose events are scheduled on a fake clock: Wait advances the clock to the next event
/// (or by the whole timeout), records every forward and kill, and ends the child when it is killed
/// or when its script says so. It fails the test if the supervisor signals it after it was reaped.
/// </summary>
internal sealed class ScriptedChild(FakeClock clock) : IChildControl
{
    private readonly List<(TimeSpan At, SupervisionEvent Event)> _script = [];
    private bool _reaped;
    private bool _killed;

    public List<(TimeSpan At, string Action)> Actions { get; } = [];

    /// <summary>What the child does when a forwarded signal reaches it; null: nothing.</summary>
    public Func<int, ChildStatus?>? OnSignal { get; init; }

    public void At(TimeSpan at, SupervisionEvent e) => _script.Add((at, e));

    public SupervisionEvent Wait(TimeSpan? timeout)
    {
        if (_killed)
        {
            return Reap(ChildStatus.KilledBy(SignalNumbers.Kill));
        }

        _script.Sort((a, b) => a.At.CompareTo(b.At));
        if (_script.Count > 0 && (timeout is null || _script[0].At <= clock.Now + timeout))
        {
            var (at, e) = _script[0];
            _script.RemoveAt(0);
            if (at > clock.Now)
            {
                clock.Sleep(at - clock.Now);
            }

            return e.Kind == SupervisionEventKind.Exited ? Reap(e.Status) : e;
        }

        if (timeout is null)
        {
            throw new InvalidOperationException("the supervisor waits forever for a child that never ends");
        }

        clock.Sleep(timeout.Value);
        return SupervisionEvent.Nothing;
    }

    public void Forward(int signal)
    {
        Assert.False(_reaped, "a signal was sent to a reaped child");
        Actions.Add((clock.Now, $"forward {signal}"));
        if (OnSignal?.Invoke(signal) is { } status)
        {
            _script.Add((clock.Now, SupervisionEvent.Ended(status)));
        }
    }

    public void Kill()
    {
        Assert.False(_reaped, "SIGKILL was sent to a reaped child");
        Actions.Add((clock.Now, "kill"));
        _killed = true;
    }

    private SupervisionEvent Reap(ChildStatus status)
    {
        _reaped = true;
        return SupervisionEvent.Ended(status);
    }
}
