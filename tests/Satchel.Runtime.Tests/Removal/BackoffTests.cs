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
    public void Each_wait_is_announced_with_its_delay_and_number_before_sleeping()
    {
        var clock = new FakeClock();
        var backoff = new Backoff(clock, TimeSpan.FromSeconds(1));
        var heard = new List<(double Ms, int Retry, int SleepsSoFar)>();
        backoff.Wait((delay, retry) => heard.Add((delay.TotalMilliseconds, retry, clock.Sleeps.Count)));
        backoff.Wait((delay, retry) => heard.Add((delay.TotalMilliseconds, retry, clock.Sleeps.Count)));
        Assert.Equal([(10, 1, 0), (20, 2, 1)], heard);
    }
}
