using System.Security.Cryptography;
using System.Text;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>`satchel verify` and `SATCHEL_TOOLS=1 ./app verify` on a good app and on real damage to each section of the file.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly ToolsSandbox _box = new();

    private string PackApp()
    {
        _box.Write("src/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[20_000];
            random.NextBytes(bytes);
            File.WriteAllBytes(_box.Combine("src", $"blob{i:D2}.bin"), bytes);
        }

        return _box.Pack("src", "run.sh", "app");
    }

    /// <summary>Where the sections are, from the file's own trailer and index.</summary>
    private static (long Trailer, long Header, long Index, long Block) Sections(string app)
    {
        using var file = AppFile.Open(app);
        var block = file.ReadIndex().Units[0].Blocks[0];
        return (file.Length - 72, file.PayloadStart + file.Trailer.HeaderOffset, file.PayloadStart + file.Trailer.IndexOffset, file.PayloadStart + block.Offset);
    }

    private string DamagedCopy(string app, string name, Action<FileStream> damage)
    {
        var copy = _box.Combine(name);
        File.Copy(app, copy);
        using (var stream = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            damage(stream);
        }

        return copy;
    }

    private static void FlipByte(FileStream stream, long at)
    {
        stream.Position = at;
        var b = stream.ReadByte();
        stream.Position = at;
        stream.WriteByte((byte)(b ^ 0x40));
    }

    [Fact]
    public void A_good_app_verifies_with_exit_0_from_the_cli_and_from_itself()
    {
        var app = PackApp();
        var cli = _box.Cli("verify", app);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("ok (21 files", cli.StdOut);

        var own = _box.Run(app, ["verify"], ("SATCHEL_TOOLS", "1"));
        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Contains("ok (21 files", own.StdOut);
    }

    [Theory]
    [InlineData("trailer", 10, "trailer checksum")]
    [InlineData("header", 3, "header checksum")]
    [InlineData("index", 20, "index does not match its hash")]
    [InlineData("block", 50, "data block at payload offset 0 does not match its hash")]
    public void A_flipped_byte_in_each_section_exits_65_naming_what_is_wrong(string section, int offset, string expected)
    {
        var app = PackApp();
        var (trailer, header, index, block) = Sections(app);
        var at = section switch
        {
            "trailer" => trailer,
            "header" => header,
            "index" => index,
            _ => block,
        } + offset;
        var damaged = DamagedCopy(app, "damaged-" + section, s => FlipByte(s, at));

        var cli = _box.Cli("verify", damaged);
        Assert.Equal(65, cli.ExitCode);
        Assert.Contains(expected, cli.StdErr);
        Assert.Contains(damaged, cli.StdErr);
        Assert.Single(cli.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public void A_launcher_changed_after_the_build_is_reported_and_inspect_shows_the_recorded_digest()
    {
        var app = PackApp();
        using (var file = AppFile.Open(app))
        {
            var shipped = SatchelCli.Launcher;
            Assert.Equal(File.ReadAllBytes(shipped), File.ReadAllBytes(app).AsSpan(0, (int)file.PayloadStart).ToArray());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(shipped))), Inspect(app));
        }

        // A byte of the launcher's read-only data, 1 KiB before the payload: the payload's own
        // hashes start after it, so only the header's launcher digest can tell.
        long payloadStart;
        using (var file = AppFile.Open(app))
        {
            payloadStart = file.PayloadStart;
        }

        var damaged = DamagedCopy(app, "damaged-launcher", s => FlipByte(s, payloadStart - 1024));
        var cli = _box.Cli("verify", damaged);
        Assert.Equal(65, cli.ExitCode);
        Assert.Contains($"the launcher (the first {payloadStart} bytes) does not match its SHA-256 in the header", cli.StdErr);
        Assert.Single(cli.StdErr.Trim().Split('\n'));
    }

    private string? Inspect(string app)
    {
        var result = _box.Cli("inspect", app, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(result.StdOut);
        return doc.RootElement.GetProperty("launcher_sha256").GetString();
    }

    [Fact]
    public void A_truncated_app_exits_65_from_the_cli_and_its_own_launcher_refuses_to_run()
    {
        var app = PackApp();
        var damaged = DamagedCopy(app, "truncated", s => s.SetLength(s.Length - 1000));
        var cli = _box.Cli("verify", damaged);
        Assert.Equal(65, cli.ExitCode);
        Assert.Contains("no satchel payload at the end of the file", cli.StdErr);

        var own = _box.Run(damaged, ["verify"], ("SATCHEL_TOOLS", "1"));
        Assert.Equal(65, own.ExitCode);
    }

    [Fact]
    public void A_damaged_block_of_the_app_itself_is_reported_by_its_own_verify()
    {
        var app = PackApp();
        var (_, _, _, block) = Sections(app);
        var damaged = DamagedCopy(app, "damaged-own", s => FlipByte(s, block + 100));
        var own = _box.Run(damaged, ["verify"], ("SATCHEL_TOOLS", "1"));
        Assert.Equal(65, own.ExitCode);
        Assert.Contains("does not match its hash", own.StdErr);
    }

    [Fact]
    public void A_file_whose_content_differs_from_its_hash_and_a_unit_that_lies_about_its_key_are_both_reported()
    {
        // Every block hash, the index hash, the header CRC and the app id are right: only the
        // file hash of unit 1 and the key of unit 2 are wrong; unit 0 is sound.
        var good = Encoding.ASCII.GetBytes("#!/bin/sh\necho ok\n");
        var sound = new CraftedUnit([IndexEntry.File("run", good.Length, SHA256.HashData(good), executable: true)], [CraftedBlock.Of(good)]);
        var claimed = Encoding.ASCII.GetBytes("hello");
        var lying = new CraftedUnit([IndexEntry.File("data", 5, SHA256.HashData(claimed), executable: false)], [CraftedBlock.Of("HELLO"u8)]);
        var wrongKey = new CraftedUnit([IndexEntry.File("more", 5, SHA256.HashData(claimed), executable: false)], [CraftedBlock.Of(claimed)], Key: new byte[32]);
        var app = _box.Combine("crafted");
        File.WriteAllBytes(app, PayloadAssembler.Compose(File.ReadAllBytes(SatchelCli.Launcher), [sound, lying, wrongKey]));
        File.SetUnixFileMode(app, (UnixFileMode)IndexEntry.ExecutableFileMode);

        var cli = _box.Cli("verify", app);
        Assert.Equal(65, cli.ExitCode);
        Assert.Contains("2 problems", cli.StdErr);
        Assert.Contains("unit 'unit1'", cli.StdErr);
        Assert.Contains("file 'data' does not match its SHA-256 in the index", cli.StdErr);
        Assert.Contains("unit 'unit2'", cli.StdErr);
        Assert.Contains("its entries do not match its key", cli.StdErr);
        Assert.DoesNotContain("unit 'unit0'", cli.StdErr);

        var own = _box.Run(app, ["verify"], ("SATCHEL_TOOLS", "1"));
        Assert.Equal(65, own.ExitCode);
        Assert.Equal(cli.StdErr, own.StdErr);
    }

    public void Dispose() => _box.Dispose();
}
