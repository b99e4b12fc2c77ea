using System.IO.Compression;

namespace Satchel.Testing.Payloads;

/// <summary>
/// One data block of a crafted payload: its compressed bytes and the raw length the index will
/// declare for it. The two are independent on purpose, so a test can make a block that lies.
/// </summary>
public sealed record CraftedBlock(byte[] Compressed, int RawLength)
{
    /// <summary>An honest block: <paramref name="raw"/> Brotli-compressed, declaring its true length.</summary>
    public static CraftedBlock Of(ReadOnlySpan<byte> raw) => new(Compress(raw), raw.Length);

    /// <summary>Honest blocks of at most <paramref name="blockSize"/> raw bytes covering <paramref name="stream"/>.</summary>
    public static IReadOnlyList<CraftedBlock> Cut(ReadOnlySpan<byte> stream, int blockSize)
    {
        var blocks = new List<CraftedBlock>();
        for (var at = 0; at < stream.Length; at += blockSize)
        {
            blocks.Add(Of(stream.Slice(at, Math.Min(blockSize, stream.Length - at))));
        }

        return blocks;
    }

    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, output, out var written, quality: 5, window: 22))
        {
            throw new InvalidOperationException("Brotli compression failed");
        }

        return output[..written];
    }
}
