namespace Satchel.WarmStart;

/// <summary>IEEE CRC-32 (the trailer's and header's checksum), bit by bit: a few KiB per start.</summary>
internal static unsafe class Crc32
{
    public static uint Compute(byte* data, long length)
    {
        var crc = 0xFFFFFFFFu;
        for (long i = 0; i < length; i++)
        {
            crc ^= data[i];
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
