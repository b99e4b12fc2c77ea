using System.Buffers;
using System.IO.Compression;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Checks one block's SHA-256 and then decodes it in small chunks straight into a
/// <see cref="GroupFileWriter"/>: neither the compressed nor the decoded block is ever held whole,
/// so a decoder costs its two chunk buffers plus Brotli's own window, whatever the block size.
/// The block is read twice from the app file (once to hash it, once to decode it), so no byte
/// reaches the decoder before the whole block matched its hash. One instance per thread.
/// </summary>
internal sealed class BlockStreamDecoder(AppFile app) : IDisposable
{
    private const int ChunkBytes = 256 * 1024;

    private readonly byte[] _input = GC.AllocateUninitializedArray<byte>(ChunkBytes);
    private readonly byte[] _output = GC.AllocateUninitializedArray<byte>(ChunkBytes);
    private readonly Sha256Hash _hash = Sha256Hash.Create();

    public void Decode(BlockRef block, GroupFileWriter files)
    {
        Verify(block);
        using var decoder = new BrotliDecoder();
        long read = 0;
        long produced = 0;
        var input = ReadOnlySpan<byte>.Empty;
        while (true)
        {
            if (input.IsEmpty && read < block.CompressedLength)
            {
                input = ReadChunk(block, read);
                read += input.Length;
            }

            var status = decoder.Decompress(input, _output, out var consumed, out var written);
            input = input[consumed..];
            produced += written;
            if (produced > block.RawLength)
            {
                throw Undecodable(block);
            }

            files.Write(_output.AsSpan(0, written));
            if (status == OperationStatus.Done)
            {
                break;
            }

            var canReadMore = input.IsEmpty && read < block.CompressedLength;
            if (status == OperationStatus.InvalidData || (consumed == 0 && written == 0 && !canReadMore))
            {
                throw Undecodable(block);
            }
        }

        if (!input.IsEmpty || read != block.CompressedLength || produced != block.RawLength)
        {
            throw Undecodable(block);
        }
    }

    private void Verify(BlockRef block)
    {
        for (long read = 0; read < block.CompressedLength;)
        {
            var chunk = ReadChunk(block, read);
            _hash.AppendData(chunk);
            read += chunk.Length;
        }

        Span<byte> sha256 = stackalloc byte[32];
        _hash.GetHashAndReset(sha256);
        if (!sha256.SequenceEqual(block.Sha256))
        {
            throw new CorruptPayloadException(app.Path, $"a data block at payload offset {block.Offset} does not match its hash");
        }
    }

    private ReadOnlySpan<byte> ReadChunk(BlockRef block, long at)
    {
        var chunk = _input.AsSpan(0, (int)Math.Min(ChunkBytes, block.CompressedLength - at));
        AppFile.ReadExactly(app.Handle, chunk, app.PayloadStart + block.Offset + at, app.Path);
        return chunk;
    }

    private CorruptPayloadException Undecodable(BlockRef block) =>
        new(app.Path, $"a data block at payload offset {block.Offset} does not decompress to its declared {block.RawLength} bytes");

    public void Dispose() => _hash.Dispose();
}
