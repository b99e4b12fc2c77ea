using FsCheck;
using FsCheck.Fluent;
using Satchel.Build.Packing;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Packing;

/// <summary>
/// The writer ends blocks at file boundaries (docs/format.md): a block boundary inside a file
/// only happens in a file larger than a block, so the launcher decodes blocks into files
/// independently. Random trees, real writer.
/// </summary>
public sealed class BlockCutTests
{
    private const int BlockSize = 64 * 1024;

    [Fact]
    public void Only_files_larger_than_a_block_cross_block_boundaries()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            using var dir = new TempDirectory("satchel-cut");
            Directory.CreateDirectory(dir.Combine("src"));
            RandomTree.Create(dir.Combine("src"), seed);
            var entries = SourceTreeScanner.Scan(dir.Combine("src"));
            var spec = new PayloadSpec("t", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "entry", [], []));
            using var output = new MemoryStream();
            var packed = new PayloadWriter(new CompressionSettings(BlockSize, 1, 16)).Write(output, [new UnitSource(UnitKind.App, "t", entries)], spec);
            var unit = packed.Index.Units[0];

            var starts = new SortedDictionary<long, long>();
            long at = 0;
            foreach (var file in unit.Entries.Where(e => e.Kind == EntryKind.File))
            {
                // Empty files share their offset with the next file: keep the one with data.
                starts[at] = Math.Max(starts.GetValueOrDefault(at), file.Size);
                at += file.Size;
            }

            long end = 0;
            foreach (var block in unit.Blocks.SkipLast(1))
            {
                Assert.InRange(block.RawLength, 1, BlockSize);
                end += block.RawLength;
                if (!starts.ContainsKey(end))
                {
                    var (start, size) = starts.Last(s => s.Key < end);
                    Assert.True(size > BlockSize, $"a block ends at {end}, inside the file at {start} of {size} bytes, which would fit in a block");
                }
            }

            return true;
        }));
    }
}
