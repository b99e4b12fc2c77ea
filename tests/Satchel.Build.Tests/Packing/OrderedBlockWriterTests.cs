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
        var writer = new OrderedBlockWriter(output, payloadStart: 8, window: 3, Compress);
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
    public void A_window_of_one_compresses_and_writes_each_block_before_the_next_is_added()
    {
        using var output = new MemoryStream();
        var writer = new OrderedBlockWriter(output, 0, 1, (raw, _, _) => raw);
        writer.Add([7], 0, 10, (_, _) => { });
        Assert.Equal([7], output.ToArray());
        writer.Add([8, 9], 0, 10, (_, _) => { });
        Assert.Equal([7, 8, 9], output.ToArray());
    }
}
