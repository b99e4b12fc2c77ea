using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// The end of the app file, read with one pread as the full launcher reads it (docs/format.md,
/// "Trailer"): the trailer's magic, version and CRC, and the header's CRC (a second pread when
/// the header starts before the last 8 KiB). The app id names the app's start record. Anything unexpected is left to the
/// full launcher, which says what is wrong.
/// </summary>
internal static unsafe class AppTail
{
    private const int TrailerSize = 72;
    private const int ReadSize = 8192;
    private const int MaxHeaderLength = 1 << 20; // docs/format.md: at most 1 MiB

    /// <summary>The app id as 32 hex digits, or null.</summary>
    public static byte* ReadAppId(int fd)
    {
        var length = LibC.lseek(fd, 0, LibC.SeekEnd);
        if (length < TrailerSize)
        {
            return null;
        }

        var count = length < ReadSize ? length : ReadSize;
        var buffer = (byte*)LibC.malloc((nint)count);
        if (LibC.pread(fd, buffer, (nint)count, length - count) != count)
        {
            return null;
        }

        var trailer = buffer + count - TrailerSize;
        var magic = CString.From("SATCHEL\u0001");
        for (var i = 0; i < 8; i++)
        {
            if (trailer[64 + i] != magic[i])
            {
                return null;
            }
        }

        if (*(ushort*)(trailer + 56) != 1 || *(uint*)(trailer + 60) != Crc32.Compute(trailer, 60))
        {
            return null;
        }

        var payloadLength = *(long*)trailer;
        var headerOffset = *(long*)(trailer + 8);
        var headerLength = *(int*)(trailer + 16);
        var payloadStart = length - TrailerSize - payloadLength;
        var headerStart = payloadStart + headerOffset;
        var bufferStart = length - count;
        if (payloadLength < 0 || payloadStart < 0 || headerOffset < 0 || headerLength < 0 || headerLength > MaxHeaderLength
            || headerStart < payloadStart || headerStart + headerLength > length - TrailerSize)
        {
            return null;
        }

        // A large header (many units, several interpreters) starts before the bytes read: one more pread.
        var header = buffer + (headerStart - bufferStart);
        if (headerStart < bufferStart)
        {
            header = (byte*)LibC.malloc(headerLength);
            if (LibC.pread(fd, header, headerLength, headerStart) != headerLength)
            {
                return null;
            }
        }

        return Crc32.Compute(header, headerLength) == *(uint*)(trailer + 20) ? CString.Hex(trailer + 40, 16) : null;
    }
}
