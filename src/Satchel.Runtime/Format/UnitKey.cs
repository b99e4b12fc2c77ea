using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Format;

/// <summary>
/// A unit's cache key: the SHA-256 of its canonical entry list (paths, kinds, modes, sizes, file
/// hashes, link targets), independent of how the data was compressed. Two apps whose units
/// hold the same tree share one cache directory. The cold path recomputes the key from the index
/// it is about to extract, so a payload cannot plant other content under a known key.
/// </summary>
public static class UnitKey
{
    private static ReadOnlySpan<byte> Domain => "satchel-unit-v1\n"u8;

    public static byte[] Compute(IReadOnlyList<IndexEntry> entries)
    {
        using var hash = Sha256Hash.Create();
        hash.AppendData(Domain);
        var w = new ByteWriter(4096);
        foreach (var entry in entries)
        {
            PayloadIndex.WriteEntry(w, entry);
            if (w.Length > 64 * 1024)
            {
                hash.AppendData(w.Written);
                w.Clear();
            }
        }

        hash.AppendData(w.Written);
        return hash.GetHashAndReset();
    }
}
