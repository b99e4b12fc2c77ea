using Satchel.Runtime.Format;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// A run of consecutive blocks of a unit's stream and the files whose data starts in them, cut
/// only where no file crosses a block boundary. Each group can be decoded and written on its own,
/// in any order and on any thread: a file lies wholly inside one group, so its SHA-256 is computed
/// by one writer. The writer cuts blocks at file boundaries (docs/format.md), so a group is one
/// block, or the blocks of one file larger than a block; a payload cut anywhere else still
/// extracts, in fewer, larger groups.
/// </summary>
public readonly record struct BlockGroup(int FirstBlock, int BlockCount, int FirstFile, int FileCount)
{
    /// <summary>
    /// Splits <paramref name="blocks"/> into groups; <paramref name="files"/> are the unit's file
    /// entries in index order. A file of size 0 belongs to the group its offset starts. The
    /// sizes are expected to add up to the blocks' raw lengths (<see cref="UnitIndexValidator"/>);
    /// if they do not, the last group gets the rest and its writer reports the mismatch.
    /// </summary>
    public static List<BlockGroup> Plan(IReadOnlyList<BlockRef> blocks, IReadOnlyList<IndexEntry> files)
    {
        var groups = new List<BlockGroup>();
        var file = 0;
        long fileStart = 0;
        long blockEnd = 0;
        var groupBlock = 0;
        var groupFile = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            blockEnd += blocks[b].RawLength;
            while (file < files.Count && fileStart < blockEnd && fileStart + files[file].Size <= blockEnd)
            {
                fileStart += files[file++].Size;
            }

            var fileCrossesBoundary = file < files.Count && fileStart < blockEnd;
            if (!fileCrossesBoundary && b < blocks.Count - 1)
            {
                groups.Add(new BlockGroup(groupBlock, b + 1 - groupBlock, groupFile, file - groupFile));
                groupBlock = b + 1;
                groupFile = file;
            }
        }

        groups.Add(new BlockGroup(groupBlock, blocks.Count - groupBlock, groupFile, files.Count - groupFile));
        return groups;
    }
}
