namespace Satchel.Runtime.Format;

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
