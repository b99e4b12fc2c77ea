using FsCheck;
using FsCheck.Fluent;
using Satchel.Build.Packing;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Packing;

/// <summary>
/// Blocks of independent units are compressed at once, on several workers, and written in order
/// (<see cref="OrderedBlockWriter"/>): the payload is byte for byte the one a single worker writes,
/// compressing and writing one block after the other. Random trees as units of every kind
/// (bytecode units are compressed at a higher quality, so their blocks take longer and finish
/// out of order), small blocks so large files span several.
/// </summary>
public sealed class ParallelCompressionTests
{
    private static readonly CompressionSettings Settings = new(16 * 1024, 5, 16);

    [Fact]
    public void A_payload_written_on_several_workers_is_the_one_a_single_worker_writes()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            using var dir = new TempDirectory("satchel-parallel");
            var units = Units(dir, seed);
            var single = Write(units, workers: 1);
            Assert.Equal(single, Write(units, workers: 2));
            Assert.Equal(single, Write(units, workers: 5));
            Assert.Equal(single, Write(units, workers: null));
            return true;
        }));
    }

    [Fact]
    public void Units_of_one_small_block_each_keep_their_order_and_offsets()
    {
        using var dir = new TempDirectory("satchel-parallel");
        var units = new List<UnitSource>();
        for (var i = 0; i < 12; i++)
        {
            var root = dir.Combine($"u{i}");
            Directory.CreateDirectory(root);
            // Sizes that differ a lot, so blocks finish in another order than they were queued.
            File.WriteAllBytes(Path.Combine(root, "f.bin"), Enumerable.Range(0, (i % 3 == 0 ? 15_000 : 300) + i).Select(b => (byte)(b * (i + 3) % 251)).ToArray());
            units.Add(new UnitSource(i % 2 == 0 ? UnitKind.Bytecode : UnitKind.Wheel, $"u{i}", SourceTreeScanner.Scan(root)));
        }

        var single = Write(units, workers: 1);
        var parallel = Write(units, workers: 4);
        Assert.Equal(single, parallel);

        using var output = new MemoryStream();
        var packed = new PayloadWriter(Settings, workers: 4).Write(output, units, Spec);
        long next = 0;
        foreach (var unit in packed.Index.Units)
        {
            var block = Assert.Single(unit.Blocks);
            Assert.Equal(next, block.Offset);
            next += block.CompressedLength;
        }
    }

    private static PayloadSpec Spec => new("t", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "entry", [], []));

    private static byte[] Write(IReadOnlyList<UnitSource> units, int? workers)
    {
        using var output = new MemoryStream();
        new PayloadWriter(Settings, workers: workers).Write(output, units, Spec);
        return output.ToArray();
    }

    /// <summary>Random trees from one seed, each a unit of its own, kinds in turn.</summary>
    private static List<UnitSource> Units(TempDirectory dir, int seed)
    {
        var kinds = new[] { UnitKind.App, UnitKind.Wheel, UnitKind.Bytecode };
        var random = new Random(seed);
        var units = new List<UnitSource>();
        for (var i = 0; i < 6; i++)
        {
            var source = dir.Combine($"src{i}");
            Directory.CreateDirectory(source);
            RandomTree.Create(source, random.Next());
            units.Add(new UnitSource(kinds[i % 3], $"unit{i}", SourceTreeScanner.Scan(source)));
        }

        return units;
    }
}
