using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Payload;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Reads, checks and decompresses a unit's blocks on worker threads and hands them back strictly
/// in order. At most <see cref="Window"/> blocks are in flight, so memory stays bounded by the
/// window times the block size whatever the payload's size.
/// </summary>
public sealed class BlockPipeline : IDisposable
{
    private readonly AppFile _app;
    private readonly IReadOnlyList<BlockRef> _blocks;
    private readonly Queue<Task<DecodedBlock>> _inFlight = new();
    private int _next;

    public BlockPipeline(AppFile app, IReadOnlyList<BlockRef> blocks)
    {
        _app = app;
        _blocks = blocks;
        Window = Math.Clamp(Environment.ProcessorCount + 1, 2, 8);
        Fill();
    }

    public int Window { get; }

    /// <summary>The next block in order; the caller returns it with <see cref="DecodedBlock.Dispose"/>.</summary>
    public DecodedBlock? Next()
    {
        if (_inFlight.Count == 0)
        {
            return null;
        }

        var task = _inFlight.Dequeue();
        Fill();
        return task.GetAwaiter().GetResult();
    }

    private void Fill()
    {
        while (_inFlight.Count < Window && _next < _blocks.Count)
        {
            var block = _blocks[_next++];
            _inFlight.Enqueue(Task.Run(() => Decode(block)));
        }
    }

    private DecodedBlock Decode(BlockRef block)
    {
        var compressed = ArrayPool<byte>.Shared.Rent(block.CompressedLength);
        try
        {
            var span = compressed.AsSpan(0, block.CompressedLength);
            AppFile.ReadExactly(_app.Handle, span, _app.PayloadStart + block.Offset, _app.Path);
            if (!SHA256.HashData(span).AsSpan().SequenceEqual(block.Sha256))
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
        // Wait for blocks still being decoded so their buffers go back to the pool and no worker
        // reads the file after its handle is closed.
        while (_inFlight.Count > 0)
        {
            try
            {
                _inFlight.Dequeue().GetAwaiter().GetResult().Dispose();
            }
            catch (SatchelException)
            {
                // Already failing; the first error is the one reported.
            }
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
