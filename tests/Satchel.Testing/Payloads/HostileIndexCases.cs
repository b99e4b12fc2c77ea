using System.Buffers.Binary;
using System.Security.Cryptography;
using Satchel.Runtime.Format;

namespace Satchel.Testing.Payloads;

/// <summary>
/// Payloads that pass the integrity chain (every hash, CRC and the app id are right) but
/// describe something a launcher must refuse: escaping paths and links, writes through links,
/// duplicates, case collisions, sizes and blocks that disagree, decompression bombs. One table,
/// run in process by the runtime tests and through the real launcher by the end-to-end tests.
/// </summary>
public static class HostileIndexCases
{
    private const string OrderRefusal = "not in strict path order";
    private const string ParentRefusal = "which is not a directory of the unit";
    private const string EscapeRefusal = "points outside its unit";
    private const string CaseRefusal = "differ only in letter case";
    private const string ForbiddenRefusal = "is absolute or has a forbidden character";
    private const string ComponentRefusal = "has an empty, '.' or '..' component";
    private const string DecompressRefusal = "does not decompress to its declared";

    public static IReadOnlyList<HostileIndexCase> All { get; } =
    [
        // Paths.
        Tree("absolute path", t => t.File("/tmp/satchel-hostile", "x"), ForbiddenRefusal),
        Tree("parent component", t => t.File("../satchel-hostile", "x"), ComponentRefusal),
        Tree("parent component deeper down", t => t.Dir("a").File("a/../../satchel-hostile", "x"), ComponentRefusal),
        Tree("empty component", t => t.Dir("a").File("a//b", "x"), ComponentRefusal),
        Tree("dot component", t => t.Dir("a").File("a/./b", "x"), ComponentRefusal),
        Tree("backslash", t => t.File("..\\satchel-hostile", "x"), ForbiddenRefusal),
        Tree("drive letter", t => t.File("C:satchel-hostile", "x"), ForbiddenRefusal),
        Tree("NUL in a name", t => t.File("a\0b", "x"), ForbiddenRefusal),

        // Links.
        Tree("absolute link target", t => t.Link("l", "/etc"), "absolute or malformed target"),
        Tree("link target with NUL", t => t.Link("l", "a\0b"), "absolute or malformed target"),
        Tree("empty link target", t => t.Raw(IndexEntry.Symlink("l", string.Empty)), "fields that do not fit its kind"),
        Tree("link to the parent of the unit", t => t.Link("up", "../victim"), EscapeRefusal),
        Tree("link escaping through another link (r -> ., e -> r/..)", t => t.Link("e", "r/..").Link("r", "."), EscapeRefusal),
        Tree("link escaping through a sibling link in a subdirectory", t => t.Dir("d").Link("d/l", "..").Link("d/m", "l/.."), EscapeRefusal),
        Tree("link escaping through a chain of three links", t => t.Link("a", "b/..").Link("b", "c").Link("c", "."), EscapeRefusal),
        Tree("link loop", t => t.Link("a", "b").Link("b", "a"), "loop or a chain"),
        Tree("links whose resolution explodes (each names the previous four times)", ChainExplosion, "loop or a chain"),

        // Writes through links and into non-directories.
        Tree("file written through a link created earlier", t => t.Dir("d").Link("l", "d").File("l/f", "x"), ParentRefusal),
        Tree("file written through a link that escapes", t => t.Link("l", "..").File("l/f", "x"), ParentRefusal),
        Tree("file under a file", t => t.File("a", "x").File("a/b", "y"), ParentRefusal),
        Tree("file without its parent directory", t => t.File("a/b", "x"), ParentRefusal),

        // Duplicates and collisions.
        Tree("duplicate file", t => t.File("a", "x").File("a", "y"), OrderRefusal),
        Tree("directory and file with one name", t => t.Dir("a").File("a", "x"), OrderRefusal),
        Tree("link and directory with one name", t => t.Dir("a").Link("a", "."), OrderRefusal),
        Tree("entries out of order", t => t.File("b", "x").File("a", "y"), OrderRefusal),
        Tree("names equal when case is folded", t => t.File("README", "x").File("readme", "y"), CaseRefusal),
        Tree("directories equal when case is folded", t => t.Dir("Lib").Dir("lib"), CaseRefusal),
        Tree("Kelvin sign and k", t => t.File("k", "x").File("\u212A", "y"), CaseRefusal),
        Tree("Ohm sign and omega", t => t.File("\u03C9", "x").File("\u2126", "y"), CaseRefusal),
        Tree("Angstrom sign and a-ring", t => t.File("\u00E5", "x").File("\u212B", "y"), CaseRefusal),

        // Sizes, blocks and bombs.
        Tree("file sizes smaller than the blocks", t => t.Raw(IndexEntry.File("a", 10, new byte[32], false)).Data(new byte[20]), "the blocks hold 20 bytes but the files add up to 10"),
        Tree("file sizes larger than the blocks", t => t.Raw(IndexEntry.File("a", 100, new byte[32], false)).Data(new byte[10]), "the blocks hold 10 bytes but the files add up to 100"),
        Tree("file sizes that overflow when added", t => t.Raw(IndexEntry.File("a", 1L << 62, new byte[32], false)).Raw(IndexEntry.File("b", 1L << 62, new byte[32], false)), "larger than"),
        Unit("block declaring more raw bytes than it holds", () => LyingBlock(declared: 4096, holds: 1024), DecompressRefusal),
        Unit("block declaring fewer raw bytes than it holds", () => LyingBlock(declared: 1024, holds: 4096), DecompressRefusal),
        Unit("block declaring a raw size above the limit", () => LyingBlock(declared: FormatLimits.MaxBlockRawBytes + 1, holds: 1024), "outside the format's limits"),
        Unit("bomb: 64 MiB declared, 1 KiB held", () => LyingBlock(declared: FormatLimits.MaxBlockRawBytes, holds: 1024), DecompressRefusal),
        Resealed("index declaring a raw size above the limit", (s, raw) => PayloadAssembler.ResealIndex(s, raw, declaredRawLength: FormatLimits.MaxIndexRawBytes + 1), "more than the limit"),
        Resealed("index declaring more raw bytes than it holds", (s, raw) => PayloadAssembler.ResealIndex(s, raw, declaredRawLength: (ulong)raw.Length + 1), "does not decompress to its declared size"),
        Resealed("index declaring fewer raw bytes than it holds", (s, raw) => PayloadAssembler.ResealIndex(s, raw, declaredRawLength: (ulong)raw.Length - 1), "does not decompress to its declared size"),
        Resealed("block lying outside the payload", (s, _) => PayloadAssembler.ResealIndex(s, MoveFirstBlock(s.Index, 1L << 40)), "a block lies outside the payload"),
        Resealed("index with fewer units than the header", (s, _) => PayloadAssembler.ResealIndex(s, new PayloadIndex([s.Index.Units[0]]).Encode()), "describes 1 units but the header 2", units: 2),

        // Keys, kinds and the header.
        Unit("unit key of another tree", () => Simple().Build() with { Key = SHA256.HashData("another tree"u8) }, "does not match its key"),
        Tree("unknown entry kind", t => t.Raw(new IndexEntry("a", (EntryKind)9, 0, 0, null, null)), "unknown kind 9"),
        Launch("launch entry that is absolute", new LaunchSpec(LaunchKind.Exec, 0, "/bin/sh", [], []), ForbiddenRefusal),
        Launch("launch entry above the unit", new LaunchSpec(LaunchKind.Exec, 0, "../../bin/sh", [], []), ComponentRefusal),
        Launch("launch entry in a unit that does not exist", new LaunchSpec(LaunchKind.Exec, 5, "run", [], []), "names a unit that does not exist"),
        Launch("injected variable name with '='", new LaunchSpec(LaunchKind.Exec, 0, "run", [], [new("PATH=/tmp/x:", "1")]), "the header injects"),
        Launch("injected variable with an empty name", new LaunchSpec(LaunchKind.Exec, 0, "run", [], [new(string.Empty, "1")]), "the header injects"),
        Launch("injected variable value with NUL", new LaunchSpec(LaunchKind.Exec, 0, "run", [], [new("A", "x\0y")]), "the header injects"),
        Launch("injected argument with NUL", new LaunchSpec(LaunchKind.Exec, 0, "run", ["--ok\0--evil"], []), "the header injects"),
        new("header not matching the app id", p => WrongAppId(PayloadAssembler.Compose(p, [Simple().Build()])), "does not match the app id"),
    ];

    /// <summary>Trees that must extract and verify: the positive controls that keep the table honest.</summary>
    public static IReadOnlyList<(string Name, Func<byte[], byte[]> Build)> WellFormed { get; } =
    [
        ("simple", p => PayloadAssembler.Compose(p, [Simple().Build()])),
        ("links that stay inside the unit", p => PayloadAssembler.Compose(p, [InsideLinks().Build()])),
        ("many small blocks and an empty file", p => PayloadAssembler.Compose(p, [Blocky().Build(blockSize: 512)])),
        ("two units", p => PayloadAssembler.Compose(p, [Simple().Build(), InsideLinks().Build()])),
    ];

    /// <summary>A unit with just the entry script.</summary>
    public static UnitTree Simple() => new UnitTree().File("run", "#!/bin/sh\necho crafted-ok\n", executable: true);

    private static UnitTree InsideLinks() => new UnitTree()
        .Dir("d")
        .File("d/data.txt", "data\n")
        .Link("d/l", "..")
        .Link("d/m", "l/run")
        .Link("r", ".")
        .File("run", "#!/bin/sh\necho crafted-ok\n", executable: true)
        .Link("x", "r/d/l/d/data.txt");

    private static UnitTree Blocky()
    {
        var random = new Random(7);
        var tree = new UnitTree().Dir("bin").File("bin/tool", "#!/bin/sh\n", executable: true).File("empty", []);
        for (var i = 0; i < 6; i++)
        {
            var data = new byte[700 + (i * 97)];
            random.NextBytes(data);
            tree.File($"f{i}", data);
        }

        return tree.File("run", "#!/bin/sh\necho crafted-ok\n", executable: true);
    }

    private static HostileIndexCase Tree(string name, Func<UnitTree, UnitTree> build, string refusal) =>
        new(name, p => PayloadAssembler.Compose(p, [build(new UnitTree()).Build()]), refusal);

    private static HostileIndexCase Unit(string name, Func<CraftedUnit> build, string refusal) =>
        new(name, p => PayloadAssembler.Compose(p, [build()]), refusal);

    private static HostileIndexCase Launch(string name, LaunchSpec launch, string refusal) =>
        new(name, p => PayloadAssembler.Compose(p, [Simple().Build()], launch), refusal);

    /// <summary>A well-formed payload whose index is then replaced by <paramref name="reseal"/>, which gets the sections and the raw index.</summary>
    private static HostileIndexCase Resealed(string name, Func<PayloadSections, byte[], byte[]> reseal, string refusal, int units = 1) =>
        new(name, p =>
        {
            var file = PayloadAssembler.Compose(p, [.. Enumerable.Range(0, units).Select(i => new UnitTree().File("run", $"#!/bin/sh\necho {i}\n", true).Build())]);
            var sections = PayloadSections.Read(file);
            return reseal(sections, sections.IndexRaw);
        }, refusal);

    private static UnitTree ChainExplosion(UnitTree tree)
    {
        tree.Link("l00", ".");
        for (var i = 1; i <= 16; i++)
        {
            var previous = $"l{i - 1:00}";
            tree.Link($"l{i:00}", string.Join('/', Enumerable.Repeat(previous, 4)));
        }

        return tree;
    }

    /// <summary>One file of <paramref name="declared"/> bytes whose only block declares that length but holds <paramref name="holds"/>.</summary>
    private static CraftedUnit LyingBlock(int declared, int holds)
    {
        var data = new byte[declared];
        var held = new byte[holds];
        new Random(declared).NextBytes(held);
        held.AsSpan(0, Math.Min(holds, declared)).CopyTo(data);
        var entries = new[] { IndexEntry.File("a", declared, SHA256.HashData(data), false) };
        return new CraftedUnit(entries, [new CraftedBlock(CraftedBlock.Compress(held), declared)]);
    }

    private static byte[] MoveFirstBlock(PayloadIndex index, long offset)
    {
        var unit = index.Units[0];
        var blocks = unit.Blocks.Select((b, i) => i == 0 ? b with { Offset = offset } : b).ToList();
        return new PayloadIndex([unit with { Blocks = blocks }, .. index.Units.Skip(1)]).Encode();
    }

    /// <summary>Changes one byte of the app id and re-seals the trailer's own CRC, so only the header-to-id check can notice.</summary>
    private static byte[] WrongAppId(byte[] file)
    {
        var trailer = file.AsSpan(file.Length - Trailer.Size);
        trailer[40] ^= 0x01;
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[60..], Crc32.Compute(trailer[..60]));
        return file;
    }
}
