using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

/// <summary>Several interpreters' work at once: results in interpreter order, the cap kept, the first failure stopping the rest and named.</summary>
public sealed class ResolutionJobsTests
{
    private static readonly BuildInterpreter[] Three = [Interpreter("3.9.18"), Interpreter("3.11.7"), Interpreter("3.13.0")];

    [Fact]
    public void Results_come_in_interpreter_order_and_no_more_run_at_once_than_asked()
    {
        var running = 0;
        var most = 0;
        var results = ResolutionJobs.Run(Three, 2, (i, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(100 * (3 - i)); // the last finishes first
            Interlocked.Decrement(ref running);
            return Three[i].VersionText;
        });

        Assert.Equal(["3.9.18", "3.11.7", "3.13.0"], results);
        Assert.Equal(2, most);
    }

    [Fact]
    public void The_first_failure_cancels_the_others_and_names_its_interpreter()
    {
        var waitedOut = new bool[3];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<SatchelException>(() => ResolutionJobs.Run(Three, 3, (i, cancellation) =>
        {
            if (i == 1)
            {
                throw new SatchelException(ExitCodes.Data, "pip failed while resolving requirements: \"no multiext\"");
            }

            // The others would take a minute: they are stopped instead (or never start).
            waitedOut[i] = !cancellation.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
            cancellation.ThrowIfCancellationRequested();
            return 0;
        }));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Equal("for --python /pythons/3.11.7 (Python 3.11.7): pip failed while resolving requirements: \"no multiext\"", error.Message);
        Assert.Equal([false, false, false], waitedOut);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void One_after_the_other_names_the_interpreter_too_and_stops_at_the_failure()
    {
        var ran = new List<int>();
        var error = Assert.Throws<SatchelException>(() => ResolutionJobs.Run(Three, 1, (i, _) =>
        {
            ran.Add(i);
            return i == 1 ? throw new SatchelException(ExitCodes.Unavailable, "no pip") : i;
        }));

        Assert.Equal("for --python /pythons/3.11.7 (Python 3.11.7): no pip", error.Message);
        Assert.Equal([0, 1], ran);
    }

    [Fact]
    public void A_failure_that_is_not_satchels_own_comes_through_as_it_is()
    {
        Assert.Throws<IOException>(() => ResolutionJobs.Run(Three, 3, (i, cancellation) => i == 2 ? throw new IOException("disk") : 0));
    }

    [Fact]
    public void The_number_at_once_is_one_per_interpreter_at_most()
    {
        Assert.Equal(1, ResolutionJobs.For(1));
        Assert.Equal(Math.Min(3, Environment.ProcessorCount), ResolutionJobs.For(3));
        Assert.Equal(1, ResolutionJobs.For(0));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static BuildInterpreter Interpreter(string version) =>
        new($"/pythons/{version}", $"/pythons/{version}", Version.Parse(version), version, "cpython", null);
}
