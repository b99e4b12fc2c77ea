namespace Satchel.Runtime.Format;

/// <summary>The index of one unit: its blocks and its entries in path order.</summary>
public sealed record UnitIndex(IReadOnlyList<BlockRef> Blocks, IReadOnlyList<IndexEntry> Entries)
{
    /// <summary>Total bytes of file data, which is also the length of the unit's stream.</summary>
    public long StreamLength
    {
        get
        {
            long total = 0;
            foreach (var entry in Entries)
            {
                total += entry.Kind == EntryKind.File ? entry.Size : 0;
            }

            return total;
        }
    }
}
