using Satchel.Runtime.Removal;
using Satchel.Testing.SimulatedFileSystem;
using Xunit;

namespace Satchel.Runtime.Tests.Removal;

/// <summary>The shared back-off: its delays, its cap, its budget, and progress restarting it.</summary>
public sealed class BackoffTests
{
    private static double[] Ms(IEnumerable<TimeSpan> spans) => [.. spans.Select(s => s.TotalMilliseconds)];

    [Fact]
    public void Delays_double_from_10_ms_up_to_1_s_and_the_last_one_ends_at_the_budget()
    {
        var clock = new FakeClock();
        var backoff = new Backoff(clock, TimeSpan.FromSeconds(5));

        while (backoff.Wait())
        {
        }

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000, 730], Ms(clock.Sleeps));
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Now);
        Assert.Equal(11, backoff.Retries);
    }

    [Fact]
    public void Progress_restarts_both_the_delays_and_the_budget()
    {
        var clock = new FakeClock();
        var backoff = new Backoff(clock, TimeSpan.FromMilliseconds(100));
        Assert.True(backoff.Wait());
        Assert.True(backoff.Wait());
        Assert.True(backoff.Wait());
        Assert.True(backoff.Wait());
        backoff.Progressed();
        while (backoff.Wait())
        {
        }

        Assert.Equal([10, 20, 40, 30, 10, 20, 40, 30], Ms(clock.Sleeps));
    }

    [Fact]
    public void A_zero_budget_never_waits()
    {
        var clock = new FakeClock();
        Assert.False(new Backoff(clock, TimeSpan.Zero).Wait());
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public void Each_delay_is_counted_when_handed_out_and_slept_only_when_asked()
    {
        var clock = new FakeClock();
        var backoff = new Backoff(clock, TimeSpan.FromSeconds(1));
        var first = backoff.NextDelay();
        Assert.Equal(((TimeSpan?)TimeSpan.FromMilliseconds(10), 1, 0), (first, backoff.Retries, clock.Sleeps.Count));
        backoff.Sleep(first!.Value);
        var second = backoff.NextDelay();
        Assert.Equal(((TimeSpan?)TimeSpan.FromMilliseconds(20), 2, 1), (second, backoff.Retries, clock.Sleeps.Count));
    }

    [Fact]
    public void A_spent_budget_hands_out_no_delay_and_counts_no_retry()
    {
        var backoff = new Backoff(new FakeClock(), TimeSpan.Zero);
        Assert.Null(backoff.NextDelay());
        Assert.Equal(0, backoff.Retries);
    }
}
