using BenchmarkDotNet.Attributes;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Payload;

namespace Satchel.Benchmarks;

/// <summary>
/// Block decompression as the cold path does it: every block of the unit read, SHA-256-checked
/// and Brotli-decoded on worker threads by <see cref="BlockPipeline"/>, consumed in order. No file
/// is written, so this is the ceiling the extraction's file writes sit on top of.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private PackedFixture _fixture = null!;
    private AppFile _app = null!;
    private IReadOnlyList<BlockRef> _blocks = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = PackedFixture.Create();
        _app = AppFile.Open(_fixture.AppPath);
        _blocks = _app.ReadIndex().Units[0].Blocks;
        Console.WriteLine($"// blocks: {_blocks.Count}, {_blocks.Sum(b => (long)b.RawLength) >> 20} MiB raw, {_blocks.Sum(b => (long)b.CompressedLength) >> 20} MiB compressed");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.Dispose();
        _fixture.Dispose();
    }

    [Benchmark]
    public long DecompressAllBlocks()
    {
        long total = 0;
        using var pipeline = new BlockPipeline(_app, _blocks);
        while (pipeline.Next() is { } block)
        {
            total += block.Data.Length;
            block.Dispose();
        }

        return total;
    }
}
