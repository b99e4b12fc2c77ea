using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

public sealed class HeaderAndTrailerTests
{
    private static readonly UnitDescriptor[] Units =
    [
        new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), UnitKind.App, "app", 3, 1000),
        new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), UnitKind.Wheel, "flask 3.0.0", 40, 400_000),
    ];

    [Fact]
    public void An_exec_header_round_trips()
    {
        var launch = new LaunchSpec(LaunchKind.Exec, 0, "bin/run.sh", ["--flag", "a b"], [new("K", "V"), new("ü", "✓")]);
        var header = new PayloadHeader("app", ExtractMode.Temp, launch, Units, new byte[32]);
        var decoded = PayloadHeader.Decode(header.Encode());
        Assert.Equal("app", decoded.Name);
        Assert.Equal(ExtractMode.Temp, decoded.ExtractMode);
        Assert.Equal(launch.EntryPath, decoded.Launch.EntryPath);
        Assert.Equal(launch.InjectArgs, decoded.Launch.InjectArgs);
        Assert.Equal(launch.InjectEnv, decoded.Launch.InjectEnv);
        Assert.Equal(Units.Select(u => u.KeyHex), decoded.Units.Select(u => u.KeyHex));
        Assert.Equal(Units.Select(u => (u.Kind, u.Name, u.FileCount, u.InstalledSize)), decoded.Units.Select(u => (u.Kind, u.Name, u.FileCount, u.InstalledSize)));
        Assert.Null(decoded.Launch.Python);
    }

    [Fact]
    public void A_python_header_round_trips()
    {
        var python = new PythonLaunch(">=3.9,<3.13", PythonEntryKind.Callable, "pkg.cli:main", [new UnitPath(0, "site"), new UnitPath(1, "site-packages")]);
        var launch = new LaunchSpec(LaunchKind.Python, 0, string.Empty, [], [], python);
        var decoded = PayloadHeader.Decode(new PayloadHeader("py", ExtractMode.Cache, launch, Units, new byte[32]).Encode());
        Assert.Equal(LaunchKind.Python, decoded.Launch.Kind);
        Assert.Equal(python.Requirement, decoded.Launch.Python!.Requirement);
        Assert.Equal(python.EntryKind, decoded.Launch.Python.EntryKind);
        Assert.Equal(python.Entry, decoded.Launch.Python.Entry);
        Assert.Equal(python.Paths, decoded.Launch.Python.Paths);
    }

    [Fact]
    public void Unknown_header_fields_are_skipped()
    {
        var header = new PayloadHeader("app", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "run", [], []), Units, new byte[32]).Encode();
        byte[] extra = [99, 3, 1, 2, 3];
        Assert.Equal("app", PayloadHeader.Decode([.. extra, .. header]).Name);
    }

    [Fact]
    public void A_header_whose_entry_escapes_its_unit_is_refused()
    {
        var header = new PayloadHeader("app", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "../../bin/sh", [], []), Units, new byte[32]).Encode();
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(header));
    }

    [Fact]
    public void The_trailer_round_trips_and_rejects_a_flipped_bit()
    {
        var trailer = new Trailer(1000, 900, 50, 0xDEADBEEF, 100, 700, Enumerable.Repeat((byte)7, 16).ToArray());
        var bytes = trailer.Encode();
        Assert.Equal(trailer with { AppId = trailer.AppId }, Trailer.Decode(bytes, 5000) with { AppId = trailer.AppId });
        Assert.Equal(trailer.AppId, Trailer.Decode(bytes, 5000).AppId);
        for (var bit = 0; bit < Trailer.Size * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<FormatViolationException>(() => Trailer.Decode(flipped, 5000));
        }
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
}
