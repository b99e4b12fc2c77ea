using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Benchmarks;

/// <summary>
/// The checksums on the launch paths: SHA-256 of one 4 MiB block (cold path, per block and per
/// file byte) and CRC-32 of a header the size of a Python app's (warm path, once per start).
/// The managed SHA-256 is the launcher's fallback on a Linux without libssl (docs/launcher.md).
/// </summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private readonly byte[] _hash = new byte[32];
    private byte[] _block = [];
    private byte[] _header = [];

    [GlobalSetup]
    public void Setup()
    {
        _block = new byte[4 << 20];
        new Random(4).NextBytes(_block);

        // An app unit and eleven wheels, like a small Python app built by `satchel build`.
        var units = Enumerable.Range(0, 12)
            .Select(i => new UnitDescriptor(SHA256.HashData(BitConverter.GetBytes(i)), i == 0 ? UnitKind.App : UnitKind.Wheel, $"dependency-{i}-1.2.{i}", 100 + i, 1_000_000 + i))
            .ToList();
        var launch = new LaunchSpec(LaunchKind.Exec, 0, "venv/bin/python", ["-m", "app"], [new("PYTHONNOUSERSITE", "1")]);
        _header = new PayloadHeader("app", ExtractMode.Cache, launch, units, new byte[32]).Encode();
        Console.WriteLine($"// header: {_header.Length} bytes");
    }

    [Benchmark]
    public int Sha256Of4MiB() => SHA256.HashData(_block, _hash);

    [Benchmark]
    public void ManagedSha256Of4MiB()
    {
        var sha = new ManagedSha256();
        sha.AppendData(_block);
        sha.GetHashAndReset(_hash);
    }

    [Benchmark]
    public uint Crc32OfHeader() => Crc32.Compute(_header);
}
