namespace Satchel.Build.Packing;

/// <summary>
/// Compresses blocks on a fixed number of worker threads, the costliest waiting block first.
/// A payload's blocks cost very different amounts: a 2 MiB bytecode block at quality 11 takes
/// ~4 s, a 4 MiB wheel block at quality 9 ~0.3 s. Taken in payload order, the three big bytecode
/// blocks of an awscli app came last and ran on one core while the other had nothing left
/// (bench/README.md, 2026-12-03 21:30). Taken longest first, the cores finish together. Only when
/// a block is compressed changes: each is compressed on its own, so its bytes never do.
/// </summary>
public sealed class BlockCompressionWorkers : IDisposable
{
    /// <summary>Measured: Brotli's optimal-parsing levels (10, 11) cost 10–20× level 9 per byte; the greedy levels about the same as 9 or less.</summary>
    private const int SlowLevelCost = 16;

    private readonly PriorityQueue<Job, (long NegativeCost, long Sequence)> _waiting = new();
    private readonly Func<byte[], int, int, byte[]> _compress;
    private readonly Thread[] _workers;
    private int _started;
    private int _busy;
    private long _sequence;
    private bool _closed;

    public BlockCompressionWorkers(int workers, Func<byte[], int, int, byte[]> compress)
    {
        _compress = compress;
        _workers = new Thread[Math.Max(1, workers)];
    }

    /// <summary>Queues a block; the task completes with its compressed bytes, or with the compressor's exception.</summary>
    public Task<byte[]> Add(byte[] raw, int quality, int window)
    {
        var job = new Job(raw, quality, window, new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        var cost = (long)raw.Length * (quality >= 10 ? SlowLevelCost : 1);
        lock (_waiting)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _waiting.Enqueue(job, (-cost, _sequence++));
            // Threads start as blocks wait for one, up to the count: a payload of one block starts one.
            if (_started < _workers.Length && _waiting.Count > _started - _busy)
            {
                var worker = new Thread(Work) { IsBackground = true, Name = "satchel compress" };
                _workers[_started++] = worker;
                worker.Start();
            }

            Monitor.Pulse(_waiting);
        }

        return job.Done.Task;
    }

    /// <summary>Blocks not started yet are dropped (an interrupted or failed build); those being compressed finish and are discarded.</summary>
    public void Dispose()
    {
        lock (_waiting)
        {
            _closed = true;
            _waiting.Clear();
            Monitor.PulseAll(_waiting);
        }
    }

    private void Work()
    {
        while (true)
        {
            Job job;
            lock (_waiting)
            {
                while (_waiting.Count == 0 && !_closed)
                {
                    Monitor.Wait(_waiting);
                }

                if (!_waiting.TryDequeue(out job!, out _))
                {
                    return;
                }

                _busy++;
            }

            try
            {
                job.Done.SetResult(_compress(job.Raw, job.Quality, job.Window));
            }
#pragma warning disable CA1031 // Handed to whoever waits for the block, which rethrows it in payload order.
            catch (Exception e)
#pragma warning restore CA1031
            {
                job.Done.SetException(e);
            }
            finally
            {
                lock (_waiting)
                {
                    _busy--;
                }
            }
        }
    }

    private sealed record Job(byte[] Raw, int Quality, int Window, TaskCompletionSource<byte[]> Done);
}
