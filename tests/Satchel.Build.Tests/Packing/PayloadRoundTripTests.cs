using FsCheck;
using FsCheck.Fluent;
using Satchel.Build.Packing;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Packing;

/// <summary>
/// Random trees packed by the real writer and extracted by the real cache code come back
/// identical: same paths, kinds, bytes, executable bits and symlink targets.
/// </summary>
public sealed class PayloadRoundTripTests
{
    private static readonly byte[] FakeLauncher = "#!/bin/false\nnot a real launcher\n"u8.ToArray();

    [Fact]
    public void Random_trees_round_trip_through_pack_and_extract()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed => RoundTrip(seed));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    [Fact]
    public void Small_blocks_split_files_across_many_blocks()
    {
        Assert.True(RoundTrip(12345, new CompressionSettings(4096, 1, 16)));
        Assert.True(RoundTrip(777, new CompressionSettings(1, 0, 10)));
    }

    [Fact]
    public void Same_tree_packed_twice_gives_identical_bytes_and_the_same_unit_key()
    {
        using var dir = new TempDirectory();
        RandomTree.Create(dir.Combine("src"), 99);
        var first = Pack(dir.Combine("src"), dir.Combine("a.bin"), CompressionSettings.Default);
        var second = Pack(dir.Combine("src"), dir.Combine("b.bin"), CompressionSettings.ForLevel(3));
        Assert.Equal(first.Header.Units[0].Key, second.Header.Units[0].Key);
        var third = Pack(dir.Combine("src"), dir.Combine("c.bin"), CompressionSettings.Default);
        Assert.Equal(File.ReadAllBytes(dir.Combine("a.bin")), File.ReadAllBytes(dir.Combine("c.bin")));
        Assert.Equal(first.AppId, third.AppId);
    }

    private static bool RoundTrip(int seed) => RoundTrip(seed, CompressionSettings.Default with { BlockSize = 256 * 1024, Quality = 1 });

    private static bool RoundTrip(int seed, CompressionSettings settings)
    {
        using var dir = new TempDirectory("satchel-rt");
        var source = dir.Combine("src");
        Directory.CreateDirectory(source);
        RandomTree.Create(source, seed);
        var packed = Pack(source, dir.Combine("app"), settings);

        var layout = new CacheLayout(dir.Combine("cache"));
        using (var app = AppFile.Open(dir.Combine("app")))
        {
            Assert.Equal(packed.AppId, app.Trailer.AppId);
            var index = app.ReadIndex();
            Assert.True(new UnitInstaller(layout, Log.Quiet).Ensure(app, app.Header.Units[0], () => index.Units[0]));
        }

        var key = packed.Header.Units[0].KeyHex;
        Assert.True(File.Exists(layout.UnitMarker(key)));
        Assert.Empty(layout.StaleUnitWorkDirs(key));
        Assert.Equal(TreeSnapshot.Take(source), TreeSnapshot.Take(layout.UnitFiles(key)));
        return true;
    }

    private static PackedPayload Pack(string source, string output, CompressionSettings settings)
    {
        var entries = SourceTreeScanner.Scan(source);
        var spec = new PayloadSpec("t", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "entry", [], []));
        using var stream = File.Create(output);
        stream.Write(FakeLauncher);
        return new PayloadWriter(settings).Write(stream, [new UnitSource(UnitKind.App, "t", entries)], spec);
    }
}
