using System.Buffers.Binary;
using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// `satchel pack` leaves out the timestamp-based `.pyc` files of a directory's `__pycache__`
/// (PEP 552 flags 0) whose source is packed too: they record the source's mtime and size, the
/// payload keeps no mtimes, so after extraction every one of them is stale — Python compiles the
/// module again on each start (a read-only cache, PYTHONDONTWRITEBYTECODE=1) or rewrites it, and
/// the bytes only made the file bigger. Hash-based `.pyc` files (what `satchel build` ships, or
/// `python -m compileall --invalidation-mode unchecked-hash` makes) do not depend on mtimes and
/// are kept, and so is bytecode whose source is not in the tree.
/// </summary>
public static class StaleBytecodeFilter
{
    private const string CacheDirectory = "__pycache__";
    private const int FlagsEnd = 8;

    /// <summary>The entries without the stale ones; <paramref name="dropped"/> counts what was left out.</summary>
    public static List<SourceEntry> Apply(List<SourceEntry> entries, out int dropped)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Kind == EntryKind.File)
            {
                files.Add(entry.Path);
            }
        }

        var kept = new List<SourceEntry>(entries.Count);
        dropped = 0;
        foreach (var entry in entries)
        {
            if (entry.Kind == EntryKind.File && SourceOf(entry.Path) is { } source && files.Contains(source) && IsTimestampBased(entry.DiskPath!))
            {
                dropped++;
                continue;
            }

            kept.Add(entry);
        }

        return kept;
    }

    /// <summary>`dir/__pycache__/mod.cpython-311.pyc` (or `.opt-1.pyc`) → `dir/mod.py`; null for any other path.</summary>
    public static string? SourceOf(string path)
    {
        if (!path.EndsWith(".pyc", StringComparison.Ordinal))
        {
            return null;
        }

        var slash = path.LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : path[..slash];
        var parentSlash = directory.LastIndexOf('/');
        if ((parentSlash < 0 ? directory : directory[(parentSlash + 1)..]) != CacheDirectory)
        {
            return null;
        }

        var name = path[(slash + 1)..];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var module = name[..dot] + ".py";
        return parentSlash < 0 ? module : directory[..parentSlash] + "/" + module;
    }

    private static bool IsTimestampBased(string diskPath)
    {
        Span<byte> header = stackalloc byte[FlagsEnd];
        using var stream = new FileStream(diskPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        return stream.ReadAtLeast(header, FlagsEnd, throwOnEndOfStream: false) == FlagsEnd
            && BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == 0;
    }
}
