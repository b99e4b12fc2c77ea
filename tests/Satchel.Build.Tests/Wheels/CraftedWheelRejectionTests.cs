using System.Text;
using Satchel.Build.Wheels;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>
/// Malformed and hostile wheels: each is refused as a whole with one line naming the wheel and the
/// member at fault, and nothing is left at the target or beside it.
/// </summary>
public sealed class CraftedWheelRejectionTests : IDisposable
{
    private const string Bad = "pkg/zz_bad.py";
    private static readonly byte[] BadContent = Encoding.UTF8.GetBytes("print('the last member')\n");

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["hash mismatch"] = new(w => w.ReplaceRecordLine(Bad, $"{Bad},{WheelRecordLine.Hash("other"u8)},{BadContent.Length}"), Bad, "hash does not match RECORD"),
        ["size mismatch"] = new(w => w.ReplaceRecordLine(Bad, $"{Bad},{WheelRecordLine.Hash(BadContent)},{BadContent.Length + 1}"), Bad, "RECORD says"),
        ["no RECORD line"] = new(w => w.OmitFromRecord(Bad), Bad, "no line in RECORD"),
        ["RECORD line without hash"] = new(w => w.ReplaceRecordLine(Bad, $"{Bad},,"), Bad, "no hash or no size"),
        ["RECORD line without size"] = new(w => w.ReplaceRecordLine(Bad, $"{Bad},{WheelRecordLine.Hash(BadContent)},"), Bad, "no hash or no size"),
        ["md5 in RECORD"] = new(w => w.ReplaceRecordLine(Bad, $"{Bad},md5=1B2M2Y8AsgTpgAmY7PhCfg,{BadContent.Length}"), Bad, "only sha256"),
        ["RECORD names a missing file"] = new(w => w.AddRecordLine($"pkg/ghost.py,{WheelRecordLine.Hash("x"u8)},1"), "pkg/ghost.py", "does not hold"),
        ["RECORD lists a path twice"] = new(w => w.AddRecordLine(WheelRecordLine.For(Bad, BadContent)), Bad, "same path twice"),
        ["no RECORD"] = new(w => w.WithoutRecord(), "pkg-1.0.dist-info/RECORD", "has no RECORD"),
        ["parent escape"] = new(w => w.AddFile("../evil.py", "x"), "../evil.py", "unsafe member name"),
        ["nested parent escape"] = new(w => w.AddFile("pkg/../../evil.py", "x"), "pkg/../../evil.py", "unsafe member name"),
        ["absolute path"] = new(w => w.AddFile("/tmp/evil.py", "x"), "/tmp/evil.py", "unsafe member name"),
        ["drive letter"] = new(w => w.AddFile("C:/evil.py", "x"), "C:/evil.py", "unsafe member name"),
        ["backslash"] = new(w => w.AddFile("pkg\\..\\evil.py", "x"), "pkg\\..\\evil.py", "unsafe member name"),
        ["empty component"] = new(w => w.AddFile("pkg//evil.py", "x"), "pkg//evil.py", "unsafe member name"),
        ["control character"] = new(w => w.AddFile("pkg/evil\u0001.py", "x"), "pkg/evil\u0001.py", "unsafe member name"),
        ["symlink member"] = new(w => w.AddSymlink("pkg/passwd", "/etc/passwd"), "pkg/passwd", "symbolic link"),
        ["duplicate member"] = new(w => w.AddFile(Bad, "again"), Bad, "same name twice"),
        ["case-folding collision"] = new(w => w.AddFile("pkg/ZZ_BAD.py", "x"), "pkg/zz_bad.py", "letter case"),
        ["purelib over root file"] = new(w => w.AddData("purelib", Bad, "x"), Bad, "installed over"),
        ["file where a directory is needed"] = new(w => w.AddFile(Bad + "/inner.py", "x"), Bad + "/inner.py", "needs a directory"),
        ["unknown data scheme"] = new(w => w.AddData("lib", "x.py", "x"), "pkg-1.0.data/lib/x.py", "not under one of"),
        ["file directly in .data"] = new(w => w.AddFile("pkg-1.0.data/loose.py", "x"), "pkg-1.0.data/loose.py", "not under one of"),
        ["second dist-info"] = new(w => w.AddFile("other-1.0.dist-info/METADATA", "Name: other\n"), null, ".dist-info directories"),
        ["dist-info of another project"] = new(w => { w.DistInfo = "other-1.0.dist-info"; return w; }, "other-1.0.dist-info", "does not belong"),
        ["METADATA of another project"] = new(w => w.AddDistInfoFile("METADATA", "Name: other\nVersion: 1.0\n"), "pkg-1.0.dist-info/METADATA", "names project"),
        ["METADATA of another version"] = new(w => w.AddDistInfoFile("METADATA", "Name: pkg\nVersion: 1.1\n"), "pkg-1.0.dist-info/METADATA", "version"),
        ["METADATA without a version"] = new(w => w.AddDistInfoFile("METADATA", "Name: pkg\n"), "pkg-1.0.dist-info/METADATA", "Version"),
        ["Wheel-Version 2"] = new(w => w.AddDistInfoFile("WHEEL", "Wheel-Version: 2.0\nRoot-Is-Purelib: true\n"), "pkg-1.0.dist-info/WHEEL", "not supported"),
        ["WHEEL without a version"] = new(w => w.AddDistInfoFile("WHEEL", "Root-Is-Purelib: true\n"), "pkg-1.0.dist-info/WHEEL", "no Wheel-Version"),
        ["script entry point without attribute"] = new(w => w.AddEntryPoint("console_scripts", "tool", "pkg.cli"), "pkg-1.0.dist-info/entry_points.txt", "module:attr"),
        ["script entry point escaping bin"] = new(w => w.AddEntryPoint("console_scripts", "../../bin/sh", "pkg.cli:main"), "pkg-1.0.dist-info/entry_points.txt", "plain file name"),
        ["malformed file name"] = new(w => { w.FileName = "pkg-1.0.whl"; return w; }, null, "not a wheel name"),
        ["stored member longer than declared"] = new(
            w => w.Store(Bad).DeclareSize(Bad, 5).ReplaceRecordLine(Bad, $"{Bad},{WheelRecordLine.Hash(BadContent.AsSpan(0, 5))},5"), Bad, "more bytes than"),
        ["member shorter than declared"] = new(
            w => w.DeclareSize(Bad, BadContent.Length + 100).ReplaceRecordLine(Bad, $"{Bad},{WheelRecordLine.Hash(BadContent)},{BadContent.Length + 100}"), Bad, "fewer bytes than"),
    };

    private readonly TempDirectory _dir = new("satchel-reject");

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    private string Output => _dir.Combine("out");

    private static WheelBuilder Valid() => new WheelBuilder("pkg", "1.0")
        .AddFile("pkg/__init__.py", "from .a import A\n")
        .AddFile("pkg/a.py", "A = 1\n")
        .AddFile("pkg/data/table.txt", string.Concat(Enumerable.Repeat("row\n", 1000)))
        .AddFile(Bad, BadContent)
        .AddData("scripts", "pkg-tool", "#!python\nprint(1)\n")
        .AddEntryPoint("console_scripts", "pkg", "pkg:main");

    [Fact]
    public void The_valid_base_wheel_installs()
    {
        var wheel = WheelInstaller.Install(Valid().Build(_dir.Combine("wheels")), Path.Combine(Output, "tree"));
        Assert.Equal("pkg", wheel.Name);
        Assert.True(File.Exists(Path.Combine(Output, "tree", "site-packages", Bad)));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_defective_wheel_is_refused_whole_and_leaves_nothing_behind(string name)
    {
        var (mutate, member, reason) = Cases[name];
        var wheelPath = mutate(Valid()).Build(_dir.Combine("wheels"));
        var e = Assert.Throws<InvalidWheelException>(() => WheelInstaller.Install(wheelPath, Path.Combine(Output, "tree")));
        Assert.Equal(65, e.ExitCode);
        Assert.StartsWith(wheelPath + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(member, e.Member);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);

        AssertNothingWritten();
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_the_total_bound_before_anything_is_written()
    {
        var wheelPath = Valid().AddFile("pkg/zeros.bin", new byte[64 << 20]).Build(_dir.Combine("wheels"));
        Assert.True(new FileInfo(wheelPath).Length < 1 << 20);
        var limits = new WheelLimits { MaxTotalBytes = 16 << 20 };
        var e = Assert.Throws<InvalidWheelException>(() => WheelInstaller.Install(wheelPath, Path.Combine(Output, "tree"), limits));
        Assert.Contains("allowed in total", e.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_member_over_the_per_file_bound_is_refused()
    {
        var wheelPath = Valid().AddFile("pkg/zeros.bin", new byte[2 << 20]).Build(_dir.Combine("wheels"));
        var e = Assert.Throws<InvalidWheelException>(() => WheelInstaller.Install(wheelPath, Path.Combine(Output, "tree"), new WheelLimits { MaxFileBytes = 1 << 20 }));
        Assert.Equal("pkg/zeros.bin", e.Member);
        Assert.Contains("for one file", e.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_compressed_member_longer_than_declared_never_writes_past_its_declared_size()
    {
        // The zip reader stops a deflated member at its declared size, so the extra bytes never
        // reach the disk; what was written is then held to RECORD like any other member.
        var wheelPath = Valid().DeclareSize(Bad, 5).ReplaceRecordLine(Bad, $"{Bad},{WheelRecordLine.Hash(BadContent.AsSpan(0, 5))},5").Build(_dir.Combine("wheels"));
        WheelInstaller.Install(wheelPath, Path.Combine(Output, "tree"));
        Assert.Equal(BadContent[..5], File.ReadAllBytes(Path.Combine(Output, "tree", "site-packages", Bad)));
    }

    [Fact]
    public void The_bounded_copy_reads_one_byte_past_the_limit_and_no_more()
    {
        using var source = new MemoryStream(new byte[1000]);
        using var sink = new MemoryStream();
        Assert.Equal(11, BoundedCopy.Copy(source, sink, limit: 10));
        Assert.Equal(11, sink.Length);
        Assert.Equal(11, source.Position);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var wheelPath = _dir.Write("wheels/pkg-1.0-py3-none-any.whl", "this is not a zip archive");
        var e = Assert.Throws<InvalidWheelException>(() => WheelInstaller.Install(wheelPath, Path.Combine(Output, "tree")));
        Assert.Contains("not a zip archive", e.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_missing_wheel_file_is_reported_as_missing_input()
    {
        var e = Assert.Throws<Satchel.Runtime.Errors.SatchelException>(() => WheelInstaller.Install(_dir.Combine("pkg-1.0-py3-none-any.whl"), Path.Combine(Output, "tree")));
        Assert.Equal(66, e.ExitCode);
    }

    private void AssertNothingWritten() =>
        Assert.True(!Directory.Exists(Output) || Directory.GetFileSystemEntries(Output).Length == 0,
            $"left behind: {string.Join(", ", Directory.Exists(Output) ? Directory.GetFileSystemEntries(Output) : [])}");

    public void Dispose() => _dir.Dispose();

    private sealed record Case(Func<WheelBuilder, WheelBuilder> Mutate, string? Member, string Reason);
}
