using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Extraction;

/// <summary>
/// How a unit's blocks are split into groups that decode independently: at every block boundary
/// that no file crosses, and nowhere else; every block and every file in exactly one group.
/// </summary>
public sealed class BlockGroupTests
{
    [Fact]
    public void Blocks_cut_at_file_boundaries_are_one_group_each()
    {
        var groups = BlockGroup.Plan(Blocks(30, 50), Files(10, 20, 50));
        Assert.Equal([new BlockGroup(0, 1, 0, 2), new BlockGroup(1, 1, 2, 1)], groups);
    }

    [Fact]
    public void A_file_larger_than_a_block_keeps_its_blocks_in_one_group()
    {
        var groups = BlockGroup.Plan(Blocks(10, 100, 100, 40, 30), Files(10, 230, 10, 30));
        Assert.Equal([new BlockGroup(0, 1, 0, 1), new BlockGroup(1, 3, 1, 2), new BlockGroup(4, 1, 3, 1)], groups);
    }

    [Fact]
    public void Blocks_cut_inside_files_merge_until_a_boundary_falls_between_files()
    {
        // The cut of a writer that fills every block: 25 | 15 | 20 over files of 20, 20, 20.
        var groups = BlockGroup.Plan(Blocks(25, 15, 20), Files(20, 20, 20));
        Assert.Equal([new BlockGroup(0, 2, 0, 2), new BlockGroup(2, 1, 2, 1)], groups);
    }

    [Fact]
    public void Empty_files_go_to_the_group_their_offset_starts_and_trailing_ones_to_the_last()
    {
        var groups = BlockGroup.Plan(Blocks(10, 10), Files(0, 10, 0, 10, 0, 0));
        Assert.Equal([new BlockGroup(0, 1, 0, 2), new BlockGroup(1, 1, 2, 4)], groups);
    }

    [Fact]
    public void A_unit_without_data_is_one_group_of_empty_files()
    {
        Assert.Equal([new BlockGroup(0, 0, 0, 2)], BlockGroup.Plan([], Files(0, 0)));
        Assert.Equal([new BlockGroup(0, 0, 0, 0)], BlockGroup.Plan([], []));
    }

    [Fact]
    public void Groups_partition_blocks_and_files_and_no_file_crosses_a_group()
    {
        var sizes = Gen.Sized(size => Gen.Choose(1, Math.Max(1, size))).SelectMany(n => Gen.Choose(0, 40).ListOf(n));
        var cuts = Gen.Choose(1, 60).ListOf();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(sizes.ToArbitrary(), cuts.ToArbitrary(), (fileSizes, cutSizes) =>
        {
            var files = Files([.. fileSizes]);
            var blocks = Cut(fileSizes.Sum(), [.. cutSizes]);
            var groups = BlockGroup.Plan(blocks, files);

            int nextBlock = 0, nextFile = 0;
            foreach (var g in groups)
            {
                Assert.Equal(nextBlock, g.FirstBlock);
                Assert.Equal(nextFile, g.FirstFile);
                nextBlock += g.BlockCount;
                nextFile += g.FileCount;
                long raw = blocks.Skip(g.FirstBlock).Take(g.BlockCount).Sum(b => (long)b.RawLength);
                long data = files.Skip(g.FirstFile).Take(g.FileCount).Sum(f => f.Size);
                Assert.Equal(raw, data);
            }

            Assert.Equal(blocks.Count, nextBlock);
            Assert.Equal(files.Count, nextFile);

            // Maximal: every boundary that no file crosses is a group boundary.
            var boundaries = new HashSet<long>();
            long at = 0;
            foreach (var f in files)
            {
                boundaries.Add(at);
                at += f.Size;
            }

            long end = 0;
            var cutsBetweenFiles = blocks.SkipLast(1).Count(b => boundaries.Contains(end += b.RawLength));
            Assert.Equal(blocks.Count == 0 ? 1 : cutsBetweenFiles + 1, groups.Count);
            return true;
        }));
    }

    private static List<BlockRef> Blocks(params int[] rawLengths) =>
        [.. rawLengths.Select((raw, i) => new BlockRef(i * 100L, 1, raw, new byte[32]))];

    private static List<IndexEntry> Files(params long[] sizes) =>
        [.. sizes.Select((size, i) => IndexEntry.File($"f{i:D4}", size, new byte[32], false))];

    private static List<IndexEntry> Files(params int[] sizes) => Files([.. sizes.Select(s => (long)s)]);

    /// <summary>Blocks of the given sizes (cycled) covering exactly <paramref name="total"/> bytes.</summary>
    private static List<BlockRef> Cut(long total, List<int> sizes)
    {
        var raw = new List<int>();
        for (var (at, i) = (0L, 0); at < total; i++)
        {
            var size = (int)Math.Min(sizes.Count == 0 ? 7 : sizes[i % sizes.Count], total - at);
            raw.Add(size);
            at += size;
        }

        return Blocks([.. raw]);
    }
}
