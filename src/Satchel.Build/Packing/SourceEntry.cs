using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>One entry of a unit to be packed: its path in the unit and where its bytes are on disk.</summary>
public sealed record SourceEntry(string Path, EntryKind Kind, string? DiskPath, bool Executable, string? LinkTarget)
{
    /// <summary>A file's size when it was listed, for progress only (the writer counts what it reads); null when not known.</summary>
    public long? Size { get; init; }

    public static SourceEntry File(string path, string diskPath, bool executable) => new(path, EntryKind.File, diskPath, executable, null);

    public static SourceEntry Directory(string path) => new(path, EntryKind.Directory, null, false, null);

    public static SourceEntry Symlink(string path, string target) => new(path, EntryKind.Symlink, null, false, target);
}
