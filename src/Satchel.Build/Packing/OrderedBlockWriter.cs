using System.IO.Compression;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Packing;

/// <summary>
/// Compresses blocks on the thread pool, up to <c>window</c> at once whatever unit they belong
/// to, and writes them to the payload strictly in the order they were added, each followed by
/// whatever was queued after it (a unit's index closed, a cached unit copied). The bytes are
/// those of compressing and writing one block after the other: each block is compressed on its
/// own, so only the moment it is compressed changes, never its bytes or its place. Memory is
/// bounded by the window (raw and compressed copies of that many blocks).
/// </summary>
public sealed class OrderedBlockWriter
{
    private readonly Queue<(Task<byte[]>? Block, Action<long, byte[]> Then)> _queue = new();
    private readonly Stream _output;
    private readonly long _payloadStart;
    private readonly int _window;
    private readonly Func<byte[], int, int, byte[]> _compress;
    private int _blocksQueued;

    public OrderedBlockWriter(Stream output, long payloadStart, int window)
        : this(output, payloadStart, window, Compress)
    {
    }

    /// <summary>With another compressor: tests hold blocks back so they finish out of order.</summary>
    internal OrderedBlockWriter(Stream output, long payloadStart, int window, Func<byte[], int, int, byte[]> compress)
    {
        _output = output;
        _payloadStart = payloadStart;
        _window = Math.Max(1, window);
        _compress = compress;
    }

    /// <summary>
    /// Queues a block; <paramref name="written"/> gets its offset from the payload start and its
    /// compressed bytes once it is in the output. With a full window, waits for the oldest first.
    /// </summary>
    public void Add(byte[] raw, int quality, int windowBits, Action<long, byte[]> written)
    {
        _queue.Enqueue((Task.Run(() => _compress(raw, quality, windowBits)), written));
        _blocksQueued++;
        while (_blocksQueued >= _window)
        {
            WriteNext();
        }
    }

    /// <summary>Queues <paramref name="action"/>, run once everything added before it is written (it may write to the output itself).</summary>
    public void Then(Action action) => _queue.Enqueue((null, (_, _) => action()));

    /// <summary>Writes everything queued.</summary>
    public void Finish()
    {
        while (_queue.Count > 0)
        {
            WriteNext();
        }
    }

    private void WriteNext()
    {
        var (block, then) = _queue.Dequeue();
        if (block is null)
        {
            then(0, []);
            return;
        }

        _blocksQueued--;
        var compressed = block.GetAwaiter().GetResult();
        var offset = _output.Position - _payloadStart;
        _output.Write(compressed);
        then(offset, compressed);
    }

    public static byte[] Compress(byte[] raw, int quality, int window)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, output, out var written, quality, window))
        {
            throw new SatchelException(ExitCodes.Software, "Brotli compression failed");
        }

        return output[..written];
    }
}
