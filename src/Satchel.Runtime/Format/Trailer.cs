using System.Buffers.Binary;

namespace Satchel.Runtime.Format;

/// <summary>
/// The fixed-size record at the very end of an app file: where the payload, header and index
/// are. Read first, with one small positioned read, so no scanning is ever needed. See
/// docs/format.md, "Trailer".
/// </summary>
public sealed record Trailer(
    long PayloadLength,
    long HeaderOffset,
    int HeaderLength,
    uint HeaderCrc32,
    long IndexOffset,
    long IndexLength,
    byte[] AppId)
{
    public const int Size = 72;
    public const ushort CurrentVersion = 1;
    public const int AppIdLength = 16;

    /// <summary>"SATCHEL" and a format generation byte; the last 8 bytes of every app file.</summary>
    public static ReadOnlySpan<byte> Magic => "SATCHEL\u0001"u8;

    public string AppIdHex => Convert.ToHexStringLower(AppId);

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span[0..], PayloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], HeaderOffset);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], HeaderCrc32);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], IndexOffset);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], IndexLength);
        AppId.CopyTo(span[40..56]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[58..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[60..], Crc32.Compute(span[..60]));
        Magic.CopyTo(span[64..]);
        return bytes;
    }

    /// <summary>Decodes and checks a trailer read from the end of a file of <paramref name="fileLength"/> bytes.</summary>
    public static Trailer Decode(ReadOnlySpan<byte> span, long fileLength)
    {
        if (span.Length != Size || !span[64..].SequenceEqual(Magic))
        {
            throw new FormatViolationException("no satchel payload at the end of the file (truncated, or not an app built by satchel)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(span[56..]);
        if (version != CurrentVersion)
        {
            throw new FormatViolationException($"payload format version {version} is not supported by this launcher (it reads version {CurrentVersion})");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(span[60..]) != Crc32.Compute(span[..60]))
        {
            throw new FormatViolationException("the trailer checksum does not match");
        }

        var trailer = new Trailer(
            BinaryPrimitives.ReadInt64LittleEndian(span[0..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(span[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[32..]),
            span[40..56].ToArray());
        trailer.CheckBounds(fileLength);
        return trailer;
    }

    /// <summary>Absolute offset of the payload's first byte in the app file.</summary>
    public long PayloadStart(long fileLength) => fileLength - Size - PayloadLength;

    private void CheckBounds(long fileLength)
    {
        if (PayloadLength < 0 || PayloadLength > fileLength - Size)
        {
            throw new FormatViolationException("the payload length in the trailer is larger than the file");
        }

        if (HeaderLength <= 0 || HeaderLength > FormatLimits.MaxHeaderBytes || !Within(HeaderOffset, HeaderLength))
        {
            throw new FormatViolationException("the header lies outside the payload");
        }

        if (IndexLength <= 0 || IndexLength > FormatLimits.MaxIndexBytes || !Within(IndexOffset, IndexLength))
        {
            throw new FormatViolationException("the index lies outside the payload");
        }
    }

    /// <summary>Whether a range given relative to the payload start lies inside the payload.</summary>
    public bool Within(long offset, long length) =>
        offset >= 0 && length >= 0 && offset <= PayloadLength && length <= PayloadLength - offset;
}
