using System.Buffers.Binary;
using System.Text;

namespace Satchel.Testing.Wheels;

/// <summary>
/// Rewrites the uncompressed size a zip declares for one member, in its local header and its
/// central directory record, to make archives that lie about sizes (as zip bombs do).
/// </summary>
public static class ZipSizePatch
{
    private const uint LocalHeader = 0x04034b50;
    private const uint CentralHeader = 0x02014b50;

    public static void SetUncompressedSize(byte[] zip, string member, long size)
    {
        var name = Encoding.UTF8.GetBytes(member);
        var patched = 0;
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var (sizeOffset, nameLengthOffset, nameOffset) = signature switch
            {
                LocalHeader => (22, 26, 30),
                CentralHeader => (24, 28, 46),
                _ => (-1, -1, -1),
            };
            if (sizeOffset < 0)
            {
                continue;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + nameLengthOffset));
            if (i + nameOffset + nameLength <= zip.Length && zip.AsSpan(i + nameOffset, nameLength).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeOffset), checked((uint)size));
                patched++;
            }
        }

        if (patched != 2)
        {
            throw new InvalidOperationException($"expected one local and one central header for {member}, patched {patched}");
        }
    }
}
