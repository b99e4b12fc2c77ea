using System.Buffers.Binary;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Satchel.Runtime.Format;

namespace Satchel.Benchmarks;

/// <summary>
/// The reads a launch makes before any file is written: the warm path's trailer and header
/// (<see cref="AppFile.Open"/>), and the cold path's index (read, hash, decompress, decode, validate),
/// with decoding and validation also measured alone.
/// </summary>
[MemoryDiagnoser]
public class FormatBenchmarks
{
    private PackedFixture _fixture = null!;
    private byte[] _rawIndex = [];
    private PayloadIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = PackedFixture.Create();
        using var app = AppFile.Open(_fixture.AppPath);
        var section = new byte[app.Trailer.IndexLength];
        AppFile.ReadExactly(app.Handle, section, app.PayloadStart + app.Trailer.IndexOffset, app.Path);
        _rawIndex = new byte[BinaryPrimitives.ReadUInt64LittleEndian(section)];
        if (!BrotliDecoder.TryDecompress(section.AsSpan(8), _rawIndex, out var written) || written != _rawIndex.Length)
        {
            throw new InvalidOperationException("the fixture's index does not decompress");
        }

        _index = PayloadIndex.Decode(_rawIndex);
        Console.WriteLine($"// index: {section.Length} bytes compressed, {_rawIndex.Length} raw, {_index.Units.Sum(u => u.Entries.Count)} entries");
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    /// <summary>Warm path: open the file, read its tail, check the trailer and header CRCs, decode the header.</summary>
    [Benchmark]
    public int OpenTrailerAndHeader()
    {
        using var app = AppFile.Open(_fixture.AppPath);
        return app.Header.Units.Count;
    }

    /// <summary>Cold path before extraction: open, verify the header's SHA-256, read, hash, decompress, decode and validate the index.</summary>
    [Benchmark]
    public int OpenAndReadIndex()
    {
        using var app = AppFile.Open(_fixture.AppPath);
        return app.ReadIndex().Units.Count;
    }

    [Benchmark]
    public int DecodeIndex() => PayloadIndex.Decode(_rawIndex).Units.Count;

    [Benchmark]
    public int ValidateIndex()
    {
        foreach (var unit in _index.Units)
        {
            UnitIndexValidator.Validate(unit);
        }

        return _index.Units.Count;
    }
}
