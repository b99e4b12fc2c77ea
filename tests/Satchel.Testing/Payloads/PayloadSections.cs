using System.IO.Compression;
using Satchel.Runtime.Format;

namespace Satchel.Testing.Payloads;

/// <summary>
/// Where each part of a well-formed app file lies, read from its trailer: what fault tests cut
/// at, flip in, and reseal. Only for files the tests made themselves, so it trusts them.
/// </summary>
public sealed class PayloadSections
{
    private PayloadSections(byte[] file)
    {
        File = file;
        Trailer = Trailer.Decode(file.AsSpan(file.Length - Trailer.Size), file.Length);
        PayloadStart = Trailer.PayloadStart(file.Length);
        HeaderBytes = file.AsSpan((int)(PayloadStart + Trailer.HeaderOffset), Trailer.HeaderLength).ToArray();
        Header = PayloadHeader.Decode(HeaderBytes);
        var section = file.AsSpan((int)(PayloadStart + Trailer.IndexOffset), (int)Trailer.IndexLength);
        IndexRaw = new byte[BitConverter.ToUInt64(section[..8])];
        if (!BrotliDecoder.TryDecompress(section[8..], IndexRaw, out var written) || written != IndexRaw.Length)
        {
            throw new InvalidDataException("the test's own payload has an unreadable index");
        }

        Index = PayloadIndex.Decode(IndexRaw);
    }

    public byte[] File { get; }

    public Trailer Trailer { get; }

    public long PayloadStart { get; }

    public long IndexAt => PayloadStart + Trailer.IndexOffset;

    public long HeaderAt => PayloadStart + Trailer.HeaderOffset;

    public long TrailerAt => File.Length - Trailer.Size;

    public byte[] HeaderBytes { get; }

    public PayloadHeader Header { get; }

    public byte[] IndexRaw { get; }

    public PayloadIndex Index { get; }

    /// <summary>Everything before the index: the prefix and all blocks.</summary>
    public byte[] Body => File[..(int)IndexAt];

    public static PayloadSections Read(byte[] file) => new(file);

    /// <summary>Absolute file offset of each block, in unit and block order.</summary>
    public IEnumerable<(int Unit, int Block, long At, BlockRef Ref)> Blocks()
    {
        for (var u = 0; u < Index.Units.Count; u++)
        {
            for (var b = 0; b < Index.Units[u].Blocks.Count; b++)
            {
                var block = Index.Units[u].Blocks[b];
                yield return (u, b, PayloadStart + block.Offset, block);
            }
        }
    }

    /// <summary>Every offset where one part of the file ends and the next begins, from the payload start to the end.</summary>
    public IReadOnlyList<long> Boundaries()
    {
        var points = new SortedSet<long> { PayloadStart, IndexAt, HeaderAt, TrailerAt, File.Length };
        foreach (var block in Blocks())
        {
            points.Add(block.At);
            points.Add(block.At + block.Ref.CompressedLength);
        }

        // Inside the trailer, each field starts a section of its own.
        foreach (var field in new[] { 8, 16, 20, 24, 32, 40, 56, 58, 60, 64 })
        {
            points.Add(TrailerAt + field);
        }

        return [.. points];
    }
}
