using BenchmarkDotNet.Attributes;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;

namespace Satchel.Benchmarks;

/// <summary>
/// The cold path's two layers. <see cref="DecompressAllBlocks"/>: every block of the unit read,
/// SHA-256-checked and Brotli-decoded into whole buffers by <see cref="BlockPipeline"/> (what the
/// tools use; no file written). <see cref="ExtractUnit"/>: the extraction itself,
/// <see cref="UnitTreeWriter"/> → <c>FileDataWriter</c>, streaming each block into its files with
/// every file's SHA-256 checked, into a fresh directory on /dev/shm (the temp directory where
/// there is none) so the disk does not decide the figure.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private PackedFixture _fixture = null!;
    private AppFile _app = null!;
    private UnitIndex _unit = null!;
    private IReadOnlyList<BlockRef> _blocks = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = PackedFixture.Create();
        _app = AppFile.Open(_fixture.AppPath);
        _unit = _app.ReadIndex().Units[0];
        _blocks = _unit.Blocks;
        Console.WriteLine($"// blocks: {_blocks.Count}, {_blocks.Sum(b => (long)b.RawLength) >> 20} MiB raw, {_blocks.Sum(b => (long)b.CompressedLength) >> 20} MiB compressed");
    }

    private string _scratch = string.Empty;
    private string _destination = string.Empty;
    private int _round;

    [IterationSetup(Target = nameof(ExtractUnit))]
    public void NewDestination()
    {
        if (_scratch.Length == 0)
        {
            var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
            _scratch = Directory.CreateTempSubdirectory("satchel-bench-extract-").FullName;
            if (parent == "/dev/shm")
            {
                Directory.Delete(_scratch);
                _scratch = Path.Combine(parent, Path.GetFileName(_scratch));
                Directory.CreateDirectory(_scratch);
            }
        }

        _destination = Path.Combine(_scratch, (_round++).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [IterationCleanup(Target = nameof(ExtractUnit))]
    public void RemoveDestination() => Directory.Delete(_destination, recursive: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_scratch.Length > 0 && Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }

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

    [Benchmark]
    public void ExtractUnit() => UnitTreeWriter.Write(_app, _unit, _destination);
}
