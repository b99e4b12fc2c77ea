using System.Globalization;
using System.Runtime.ExceptionServices;
using Satchel.Build.Interruption;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Runs one piece of work per build interpreter (a pip resolution each), several at once where the
/// machine has the cores (docs/interpreters.md, "Several interpreters"). Each runs on a thread of
/// its own, not on the thread pool: a worker blocks on its pip for seconds, and pip's output is
/// read on pool threads, which blocked workers would starve. The first failure cancels the others
/// (their pip is killed) and is the one reported, naming its interpreter; a stop request
/// (SIGINT/SIGTERM/SIGHUP) is reported as such. Either way every worker has ended before this
/// returns or throws, so nothing writes into the staging directory while it is removed.
/// </summary>
public static class ResolutionJobs
{
    /// <summary>
    /// How many at once: one per interpreter, at most one per core (pip is mostly one busy core
    /// each), or SATCHEL_RESOLVE_JOBS when set to a whole number of at least 1 (1: one after the other).
    /// </summary>
    public static int For(int interpreters)
    {
        var cap = Settings.Text(SatchelVariables.ResolveJobs) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) && jobs >= 1
            ? jobs
            : Environment.ProcessorCount;
        return Math.Max(1, Math.Min(interpreters, cap));
    }

    /// <summary>
    /// <paramref name="work"/>(i, cancellation) for each interpreter, <paramref name="jobs"/> at a time;
    /// the results in interpreter order. With <paramref name="several"/> (by default: more than one
    /// interpreter given) a failure becomes "for --python PATH (Python X.Y.Z): …" (<see cref="BuildInterpreters.Failed"/>).
    /// </summary>
    public static T[] Run<T>(IReadOnlyList<BuildInterpreter> interpreters, int jobs, Func<int, CancellationToken, T> work, bool? several = null)
    {
        var nameFailures = several ?? interpreters.Count > 1;
        var results = new T[interpreters.Count];
        if (jobs <= 1 || interpreters.Count <= 1)
        {
            for (var i = 0; i < interpreters.Count; i++)
            {
                try
                {
                    results[i] = work(i, CancellationToken.None);
                }
                catch (SatchelException e) when (nameFailures && e is not BuildInterruptedException)
                {
                    throw BuildInterpreters.Failed(interpreters[i], e);
                }
            }

            return results;
        }

        using var cancel = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(jobs);
        var gate = new Lock();
        Exception? failure = null;
        var failed = -1;
        var threads = new Thread[interpreters.Count];
        for (var i = 0; i < threads.Length; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    slots.Wait(cancel.Token);
                    try
                    {
                        BuildInterruption.ThrowIfRequested();
                        results[index] = work(index, cancel.Token);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    // Stopped because another interpreter failed first: that failure is the one reported.
                }
#pragma warning disable CA1031 // Every failure is kept and rethrown on the calling thread; one escaping here would end the process.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    lock (gate)
                    {
                        if (failure is null)
                        {
                            failure = e;
                            failed = index;
                        }
                    }

                    cancel.Cancel();
                }
            })
            {
                IsBackground = true,
                Name = $"satchel resolve {interpreters[i].VersionText}",
            };
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        BuildInterruption.ThrowIfRequested();
        if (failure is SatchelException satchel && nameFailures)
        {
            throw BuildInterpreters.Failed(interpreters[failed], satchel);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return results;
    }
}
