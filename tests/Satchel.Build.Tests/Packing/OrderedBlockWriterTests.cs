using Satchel.Build.Packing;
using Xunit;

namespace Satchel.Build.Tests.Packing;

/// <summary>
/// The writer compresses several blocks at once and writes them in the order they were added,
/// whatever order they finish in; what is queued after a block runs once it is written. The first
/// block is held back until a later one has finished, so the out-of-order case always happens.
/// </summary>
public sealed class OrderedBlockWriterTests
{
    [Fact]
    public void Blocks_that_finish_out_of_order_are_written_in_the_order_they_were_added()
    {
        using var laterFinished = new ManualResetEventSlim();
        byte[] Compress(byte[] raw, int quality, int window)
        {
            if (raw[0] == 0)
            {
                Assert.True(laterFinished.Wait(TimeSpan.FromSeconds(30)), "the second block never finished");
            }
            else if (raw[0] == 1)
            {
                laterFinished.Set();
            }

            return [.. raw, .. raw];
        }

        using var output = new MemoryStream();
        output.Write("launcher"u8);
        using var writer = new OrderedBlockWriter(output, payloadStart: 8, workers: 3, lookaheadBytes: 1 << 20, Compress);
        var events = new List<string>();
        writer.Add([0, 10], 0, 10, (offset, bytes) => events.Add($"block 0 at {offset}: {bytes.Length} bytes"));
        writer.Add([1], 0, 10, (offset, bytes) => events.Add($"block 1 at {offset}: {bytes.Length} bytes"));
        writer.Then(() => events.Add($"unit done at {output.Length}"));
        writer.Add([2, 20, 21], 0, 10, (offset, bytes) => events.Add($"block 2 at {offset}: {bytes.Length} bytes"));
        writer.Finish();

        Assert.Equal(["block 0 at 0: 4 bytes", "block 1 at 4: 2 bytes", "unit done at 14", "block 2 at 6: 6 bytes"], events);
        Assert.Equal([.. "launcher"u8, 0, 10, 0, 10, 1, 1, 2, 20, 21, 2, 20, 21], output.ToArray());
    }

    [Fact]
    public void A_lookahead_of_nothing_compresses_and_writes_each_block_before_the_next_is_added()
    {
        using var output = new MemoryStream();
        using var writer = new OrderedBlockWriter(output, 0, 1, 0, (raw, _, _) => raw);
        writer.Add([7], 0, 10, (_, _) => { });
        Assert.Equal([7], output.ToArray());
        writer.Add([8, 9], 0, 10, (_, _) => { });
        Assert.Equal([7, 8, 9], output.ToArray());
    }

    [Fact]
    public void The_costliest_waiting_block_is_compressed_first_and_still_written_in_its_place()
    {
        // One worker, held on the first block until all are queued: then it takes the rest by
        // cost, quality 10-11 counting 16 times a byte of the greedy levels, ties in order.
        using var allQueued = new ManualResetEventSlim();
        using var firstTaken = new ManualResetEventSlim();
        var started = new List<byte>();
        byte[] Compress(byte[] raw, int quality, int window)
        {
            lock (started)
            {
                started.Add(raw[0]);
            }

            firstTaken.Set();

            Assert.True(allQueued.Wait(TimeSpan.FromSeconds(30)), "the blocks were never all queued");
            return raw;
        }

        using var output = new MemoryStream();
        using var writer = new OrderedBlockWriter(output, 0, workers: 1, lookaheadBytes: 1 << 20, Compress);
        writer.Add([0], 9, 22, (_, _) => { });
        Assert.True(firstTaken.Wait(TimeSpan.FromSeconds(30)), "the worker never took the first block");
        writer.Add([1, .. new byte[99]], 9, 22, (_, _) => { });
        writer.Add([2, .. new byte[9]], 11, 22, (_, _) => { });
        writer.Add([3, .. new byte[199]], 5, 22, (_, _) => { });
        writer.Add([4, .. new byte[9]], 10, 22, (_, _) => { });
        allQueued.Set();
        writer.Finish();

        Assert.Equal([0, 3, 2, 4, 1], started);
        Assert.Equal([0, 1, 2, 3, 4], Firsts(output.ToArray(), [1, 100, 10, 200, 10]));
    }

    private static byte[] Firsts(byte[] payload, int[] lengths)
    {
        var firsts = new List<byte>();
        var at = 0;
        foreach (var length in lengths)
        {
            firsts.Add(payload[at]);
            at += length;
        }

        return [.. firsts];
    }
}
