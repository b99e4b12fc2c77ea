namespace Satchel.Runtime.Format;

/// <summary>
/// The full file index: one <see cref="UnitIndex"/> per unit, in header order. Only the cold
/// path and the tools read it. See docs/format.md, "Index".
/// </summary>
public sealed record PayloadIndex(IReadOnlyList<UnitIndex> Units)
{
    public byte[] Encode()
    {
        var w = new ByteWriter(64 * 1024);
        w.VarUInt((ulong)Units.Count);
        foreach (var unit in Units)
        {
            w.VarUInt((ulong)unit.Blocks.Count);
            foreach (var block in unit.Blocks)
            {
                w.VarUInt((ulong)block.Offset);
                w.VarUInt((ulong)block.CompressedLength);
                w.VarUInt((ulong)block.RawLength);
                w.Bytes(block.Sha256);
            }

            w.VarUInt((ulong)unit.Entries.Count);
            foreach (var entry in unit.Entries)
            {
                WriteEntry(w, entry);
            }
        }

        return w.ToArray();
    }

    /// <summary>The canonical bytes of one entry; also what a unit's key hashes.</summary>
    public static void WriteEntry(ByteWriter w, IndexEntry entry)
    {
        w.Text(entry.Path);
        w.U8((byte)entry.Kind);
        w.U16(entry.Mode);
        switch (entry.Kind)
        {
            case EntryKind.File:
                w.VarUInt((ulong)entry.Size);
                w.Bytes(entry.Sha256!);
                break;
            case EntryKind.Symlink:
                w.Text(entry.LinkTarget!);
                break;
        }
    }

    public static PayloadIndex Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new ByteReader(bytes);
        var units = new UnitIndex[r.Count()];
        for (var u = 0; u < units.Length; u++)
        {
            var blocks = new BlockRef[r.Count()];
            for (var b = 0; b < blocks.Length; b++)
            {
                blocks[b] = new BlockRef(ToLong(r.VarUInt()), ToInt(r.VarUInt()), ToInt(r.VarUInt()), r.Bytes(32).ToArray());
            }

            var entries = new IndexEntry[r.Count()];
            for (var e = 0; e < entries.Length; e++)
            {
                entries[e] = ReadEntry(ref r);
            }

            units[u] = new UnitIndex(blocks, entries);
        }

        if (!r.AtEnd)
        {
            throw new FormatViolationException("the index has trailing bytes");
        }

        return new PayloadIndex(units);
    }

    private static IndexEntry ReadEntry(ref ByteReader r)
    {
        var path = r.Text();
        var kind = (EntryKind)r.U8();
        var mode = r.U16();
        return kind switch
        {
            EntryKind.File => new IndexEntry(path, kind, mode, ToLong(r.VarUInt()), null, null) with { Sha256 = r.Bytes(32).ToArray() },
            EntryKind.Directory => new IndexEntry(path, kind, mode, 0, null, null),
            EntryKind.Symlink => new IndexEntry(path, kind, mode, 0, null, r.Text()),
            _ => throw new FormatViolationException($"entry '{EntryPathRules.Printable(path)}' has unknown kind {(byte)kind}"),
        };
    }

    private static long ToLong(ulong value) =>
        value <= long.MaxValue ? (long)value : throw new FormatViolationException("a size or offset is out of range");

    private static int ToInt(ulong value) =>
        value <= int.MaxValue ? (int)value : throw new FormatViolationException("a block length is out of range");
}

/// <summary>The index of one unit: its blocks and its entries in path order.</summary>
public sealed record UnitIndex(IReadOnlyList<BlockRef> Blocks, IReadOnlyList<IndexEntry> Entries)
{
    /// <summary>Total bytes of file data, which is also the length of the unit's stream.</summary>
    public long StreamLength
    {
        get
        {
            long total = 0;
            foreach (var entry in Entries)
            {
                total += entry.Kind == EntryKind.File ? entry.Size : 0;
            }

            return total;
        }
    }
}

/// <summary>
/// One file, directory or symlink of a unit. Files carry their SHA-256; their data is the next
/// <see cref="Size"/> bytes of the unit's stream, in index order (offsets are implicit, so two
/// entries can never overlap).
/// </summary>
public sealed record IndexEntry(string Path, EntryKind Kind, ushort Mode, long Size, byte[]? Sha256, string? LinkTarget)
{
    public const ushort ExecutableFileMode = 0b111_101_101; // 0755
    public const ushort RegularFileMode = 0b110_100_100; // 0644
    public const ushort DirectoryMode = ExecutableFileMode;
    public const ushort SymlinkMode = 0b111_111_111; // 0777

    public bool IsExecutable => Kind == EntryKind.File && (Mode & 0b001_000_000) != 0;

    public static IndexEntry File(string path, long size, byte[] sha256, bool executable) =>
        new(path, EntryKind.File, executable ? ExecutableFileMode : RegularFileMode, size, sha256, null);

    public static IndexEntry Directory(string path) => new(path, EntryKind.Directory, DirectoryMode, 0, null, null);

    public static IndexEntry Symlink(string path, string target) => new(path, EntryKind.Symlink, SymlinkMode, 0, null, target);
}

/// <summary>What an index entry is. The numbers are part of the format.</summary>
public enum EntryKind : byte
{
    File = 1,
    Directory = 2,
    Symlink = 3,
}

/// <summary>
/// One compressed solid block of a unit's stream: where it lies (relative to the payload start),
/// how long it is compressed and raw, and the SHA-256 of its compressed bytes.
/// </summary>
public sealed record BlockRef(long Offset, int CompressedLength, int RawLength, byte[] Sha256);
