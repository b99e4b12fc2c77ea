using System.IO.Compression;
using System.Text;

namespace Satchel.Dist;

/// <summary>
/// Writes a wheel's zip with nothing of the moment or the machine in it, so the same members give
/// the same bytes (docs/distribution.md): members in the order given, every time stamp the
/// SOURCE_DATE_EPOCH (zip cannot store a time before 1980: earlier epochs are written as 1980-01-01),
/// the Unix mode in the external attributes (pip makes a member executable only from those), the same
/// deflate level for each.
/// </summary>
public static class WheelArchive
{
    private const int RegularFileType = 0x8000;

    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Write(IReadOnlyList<WheelMember> members, long sourceDateEpoch)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(sourceDateEpoch);
        if (time < ZipEpoch)
        {
            time = ZipEpoch;
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var member in members)
            {
                var entry = zip.CreateEntry(member.Path, CompressionLevel.Optimal);
                entry.LastWriteTime = time;
                entry.ExternalAttributes = (RegularFileType | member.Mode) << 16;
                using var stream = entry.Open();
                stream.Write(member.Content);
            }
        }

        return buffer.ToArray();
    }
}
