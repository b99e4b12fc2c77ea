using Satchel.Runtime.Removal;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Testing.SimulatedFileSystem;

/// <summary>
/// A clock that only moves when someone sleeps on it, firing scheduled events (a scanner closing
/// its handle, a writer adding a file) at their exact time: removal tests run in microseconds
/// and always take the same path.
/// </summary>
public sealed class FakeClock : IClock
{
    private readonly List<(TimeSpan At, long Order, Action Action)> _events = [];
    private long _order;

    public TimeSpan Now { get; private set; }

    /// <summary>Every sleep, in order: the back-off as it happened.</summary>
    public List<TimeSpan> Sleeps { get; } = [];

    public void At(TimeSpan at, Action action) => _events.Add((at, _order++, action));

    public void Sleep(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        Sleeps.Add(duration);
        var until = Now + duration;
        while (_events.Where(e => e.At <= until).OrderBy(e => e.At).ThenBy(e => e.Order).FirstOrDefault() is { Action: not null } due)
        {
            _events.Remove(due);
            Now = due.At > Now ? due.At : Now;
            due.Action();
        }

        Now = until;
    }
}
