using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Removal;

/// <summary>
/// Exponential back-off inside a time budget, shared by the tree remover and retried renames:
/// waits start at 10 ms and double up to 1 s per step. The budget bounds the time spent without
/// progress: <see cref="Progressed"/> restarts it (and the delays), so a large tree or a scanner
/// that lets go of files one by one never fails for taking long, while a tree that stays stuck
/// fails after the budget.
/// </summary>
public sealed class Backoff
{
    private readonly IClock _clock;
    private readonly TimeSpan _budget;
    private TimeSpan _stalledSince;
    private TimeSpan _next = FirstDelay;

    public Backoff(IClock clock, TimeSpan budget)
    {
        _clock = clock;
        _budget = budget;
        _stalledSince = clock.Now;
    }

    public static TimeSpan FirstDelay { get; } = TimeSpan.FromMilliseconds(10);

    public static TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>How many waits so far.</summary>
    public int Retries { get; private set; }

    /// <summary>Time left before the budget runs out, if nothing progresses.</summary>
    public TimeSpan Remaining => _budget - (_clock.Now - _stalledSince);

    /// <summary>The last attempt got further than any before: the budget and the delays start over.</summary>
    public void Progressed()
    {
        _stalledSince = _clock.Now;
        _next = FirstDelay;
    }

    /// <summary>
    /// Counts a retry and returns how long to wait before it; null, without counting, once the
    /// budget is spent. The last wait is shortened so the final attempt happens at the deadline.
    /// Callers that announce the retry do so between this and <see cref="Sleep"/>. (No callback
    /// taking the delay: NativeAOT makes every delegate's Invoke reflectable, and a TimeSpan
    /// parameter there links TimeSpan's text formatting into the launcher.)
    /// </summary>
    public TimeSpan? NextDelay()
    {
        var left = Remaining;
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        var delay = _next < left ? _next : left;
        Retries++;
        _next = _next + _next < MaxDelay ? _next + _next : MaxDelay;
        return delay;
    }

    /// <summary>Sleeps the delay <see cref="NextDelay"/> returned.</summary>
    public void Sleep(TimeSpan delay) => _clock.Sleep(delay);

    /// <summary><see cref="NextDelay"/> then <see cref="Sleep"/>: returns false without sleeping once the budget is spent.</summary>
    public bool Wait()
    {
        if (NextDelay() is not { } delay)
        {
            return false;
        }

        Sleep(delay);
        return true;
    }
}
