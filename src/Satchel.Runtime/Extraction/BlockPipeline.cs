using System.Buffers;
using System.IO.Compression;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Reads, checks and decompresses a unit's blocks on worker threads and hands them back strictly
/// in order. At most <see cref="Window"/> blocks are decoded ahead of the consumer, so memory
/// stays bounded by the window times the block size whatever the payload's size. Plain threads
/// rather than tasks: the thread pool would add its machinery to every app's launcher.
/// For callers that want whole decoded blocks in order (tools, the micro-benchmark); extraction
/// itself uses <see cref="FileDataWriter"/>, which never holds a whole block.
/// </summary>
public sealed class BlockPipeline : IDisposable
{
    private readonly AppFile _app;
    private readonly IReadOnlyList<BlockRef> _blocks;
    private readonly object _gate = new();
    private readonly DecodedBlock?[] _decoded;
    private readonly Thread[] _workers;
    private Exception? _failure;
    private int _nextToDecode;
    private int _nextToConsume;
    private bool _stopping;

    public BlockPipeline(AppFile app, IReadOnlyList<BlockRef> blocks)
    {
        _app = app;
        _blocks = blocks;
        _decoded = new DecodedBlock?[blocks.Count];
        Window = Math.Clamp(Environment.ProcessorCount + 1, 2, 8);
        _workers = new Thread[Math.Min(Math.Clamp(Environment.ProcessorCount, 1, 8), Math.Max(blocks.Count, 1))];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = "satchel-block-decoder" };
            _workers[i].Start();
        }
    }

    public int Window { get; }

    /// <summary>The next block in order, or null after the last; the caller disposes it.</summary>
    public DecodedBlock? Next()
    {
        lock (_gate)
        {
            if (_nextToConsume == _blocks.Count)
            {
                return null;
            }

            while (_decoded[_nextToConsume] is null)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                Monitor.Wait(_gate);
            }

            var block = _decoded[_nextToConsume]!;
            _decoded[_nextToConsume++] = null;
            Monitor.PulseAll(_gate);
            return block;
        }
    }

    private void Work()
    {
        while (true)
        {
            int index;
            lock (_gate)
            {
                while (!_stopping && _failure is null && _nextToDecode < _blocks.Count && _nextToDecode - _nextToConsume >= Window)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping || _failure is not null || _nextToDecode >= _blocks.Count)
                {
                    return;
                }

                index = _nextToDecode++;
            }

            try
            {
                var block = Decode(_blocks[index]);
                lock (_gate)
                {
                    _decoded[index] = block;
                    Monitor.PulseAll(_gate);
                }
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _failure ??= e;
                    Monitor.PulseAll(_gate);
                }

                return;
            }
        }
    }

    private DecodedBlock Decode(BlockRef block)
    {
        var compressed = ArrayPool<byte>.Shared.Rent(block.CompressedLength);
        try
        {
            var span = compressed.AsSpan(0, block.CompressedLength);
            AppFile.ReadExactly(_app.Handle, span, _app.PayloadStart + block.Offset, _app.Path);
            if (!Sha256Hash.HashData(span).AsSpan().SequenceEqual(block.Sha256))
            {
                throw new CorruptPayloadException(_app.Path, $"a data block at payload offset {block.Offset} does not match its hash");
            }

            var raw = ArrayPool<byte>.Shared.Rent(block.RawLength);
            using var decoder = new BrotliDecoder();
            var status = decoder.Decompress(span, raw.AsSpan(0, block.RawLength), out var consumed, out var written);
            if (status != OperationStatus.Done || consumed != block.CompressedLength || written != block.RawLength)
            {
                ArrayPool<byte>.Shared.Return(raw);
                throw new CorruptPayloadException(_app.Path, $"a data block at payload offset {block.Offset} does not decompress to its declared {block.RawLength} bytes");
            }

            return new DecodedBlock(raw, block.RawLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    public void Dispose()
    {
        // Stop the workers and wait for them, so no worker reads the file after its handle is
        // closed; blocks decoded but never consumed go back to the pool.
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }

        for (var i = 0; i < _decoded.Length; i++)
        {
            _decoded[i]?.Dispose();
            _decoded[i] = null;
        }
    }
}

/// <summary>A decompressed block whose buffer comes from the shared pool.</summary>
public sealed class DecodedBlock(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
