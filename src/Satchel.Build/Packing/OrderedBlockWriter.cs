using System.IO.Compression;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Packing;

/// <summary>
/// Compresses blocks on <c>workers</c> threads whatever unit they belong to, the costliest first
/// (<see cref="BlockCompressionWorkers"/>), and writes them to the payload strictly in the order
/// they were added, each followed by whatever was queued after it (a unit's index closed, a cached
/// unit copied). The bytes are those of compressing and writing one block after the other: each
/// block is compressed on its own, so only the moment it is compressed changes, never its bytes or
/// its place. Memory is bounded by the lookahead: blocks added but not yet written hold at most
/// that many raw bytes (plus the block that crosses it), so the slow blocks of a later unit are
/// known, and started, while earlier ones are still being compressed.
/// </summary>
public sealed class OrderedBlockWriter : IDisposable
{
    private readonly Queue<(Task<byte[]>? Block, int RawLength, Action<long, byte[]> Then)> _queue = new();
    private readonly Stream _output;
    private readonly long _payloadStart;
    private readonly long _lookahead;
    private readonly BlockCompressionWorkers _compressor;
    private long _pendingBytes;

    public OrderedBlockWriter(Stream output, long payloadStart, int workers, long lookaheadBytes)
        : this(output, payloadStart, workers, lookaheadBytes, Compress)
    {
    }

    /// <summary>With another compressor: tests hold blocks back so they finish out of order.</summary>
    internal OrderedBlockWriter(Stream output, long payloadStart, int workers, long lookaheadBytes, Func<byte[], int, int, byte[]> compress)
    {
        _output = output;
        _payloadStart = payloadStart;
        _lookahead = Math.Max(0, lookaheadBytes);
        _compressor = new BlockCompressionWorkers(workers, compress);
    }

    /// <summary>
    /// Queues a block; <paramref name="written"/> gets its offset from the payload start and its
    /// compressed bytes once it is in the output. Past the lookahead, waits for the oldest first.
    /// </summary>
    public void Add(byte[] raw, int quality, int windowBits, Action<long, byte[]> written)
    {
        _queue.Enqueue((_compressor.Add(raw, quality, windowBits), raw.Length, written));
        _pendingBytes += raw.Length;
        while (_pendingBytes > _lookahead)
        {
            WriteNext();
        }
    }

    /// <summary>Queues <paramref name="action"/>, run once everything added before it is written (it may write to the output itself).</summary>
    public void Then(Action action) => _queue.Enqueue((null, 0, (_, _) => action()));

    /// <summary>Writes everything queued.</summary>
    public void Finish()
    {
        while (_queue.Count > 0)
        {
            WriteNext();
        }
    }

    /// <summary>Stops the workers; blocks not written by then are dropped (the build failed or was interrupted).</summary>
    public void Dispose() => _compressor.Dispose();

    private void WriteNext()
    {
        var (block, rawLength, then) = _queue.Dequeue();
        if (block is null)
        {
            then(0, []);
            return;
        }

        _pendingBytes -= rawLength;
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
