namespace Satchel.Runtime.Format;

/// <summary>
/// Checks that a unit's index describes a tree that can be written safely: entries in strict
/// path order (so no duplicates), every parent an explicit directory entry (so nothing is ever
/// written through a symlink), no two names equal under case folding, every symlink resolving
/// inside the unit (following the unit's own links the way the kernel would), and block sizes
/// that add up to the file data. Throws <see cref="FormatViolationException"/> on the first problem.
/// </summary>
public static class UnitIndexValidator
{
    private const int MaxLinkHops = 40;

    public static void Validate(UnitIndex unit)
    {
        var byPath = new Dictionary<string, IndexEntry>(unit.Entries.Count, StringComparer.Ordinal);
        var parents = byPath.GetAlternateLookup<ReadOnlySpan<char>>();
        var folded = new HashSet<string>(unit.Entries.Count, CaseFoldedComparer.Instance);
        string? previous = null;
        long stream = 0;
        foreach (var entry in unit.Entries)
        {
            EntryPathRules.Check(entry.Path);
            if (previous is not null && string.CompareOrdinal(previous, entry.Path) >= 0)
            {
                throw new FormatViolationException($"entries are not in strict path order at '{EntryPathRules.Printable(entry.Path)}' (duplicate or reordered)");
            }

            previous = entry.Path;
            var slash = entry.Path.LastIndexOf('/');
            if (slash > 0 && (!parents.TryGetValue(entry.Path.AsSpan(0, slash), out var p) || p.Kind != EntryKind.Directory))
            {
                throw new FormatViolationException($"entry '{EntryPathRules.Printable(entry.Path)}' lies under '{EntryPathRules.Printable(entry.Path[..slash])}', which is not a directory of the unit", entry.Path);
            }

            // Case-insensitive file systems would map both names to one file.
            if (!folded.Add(entry.Path))
            {
                folded.TryGetValue(entry.Path, out var first);
                throw new FormatViolationException($"entries '{EntryPathRules.Printable(first!)}' and '{EntryPathRules.Printable(entry.Path)}' differ only in letter case", entry.Path);
            }

            CheckEntry(entry);
            if (entry.Size > long.MaxValue - stream)
            {
                throw new FormatViolationException($"entry '{EntryPathRules.Printable(entry.Path)}' makes the unit larger than {long.MaxValue} bytes");
            }

            stream += entry.Size;
            byPath.Add(entry.Path, entry);
        }

        foreach (var entry in unit.Entries)
        {
            if (entry.Kind == EntryKind.Symlink)
            {
                var hops = 0;
                Resolve(byPath, EntryPathRules.Parent(entry.Path), entry.LinkTarget!, entry.Path, ref hops);
            }
        }

        long raw = 0;
        foreach (var block in unit.Blocks)
        {
            if (block.RawLength <= 0 || block.RawLength > FormatLimits.MaxBlockRawBytes || block.CompressedLength <= 0 || block.Sha256.Length != 32)
            {
                throw new FormatViolationException($"a block declares {block.RawLength} raw / {block.CompressedLength} compressed bytes, outside the format's limits");
            }

            raw += block.RawLength;
        }

        if (raw != stream)
        {
            throw new FormatViolationException($"the blocks hold {raw} bytes but the files add up to {stream}");
        }
    }

    private static void CheckEntry(IndexEntry entry)
    {
        switch (entry.Kind)
        {
            case EntryKind.File when entry.Size >= 0 && entry.Sha256 is { Length: 32 } && entry.LinkTarget is null:
            case EntryKind.Directory when entry.Size == 0 && entry.Sha256 is null && entry.LinkTarget is null:
                return;
            case EntryKind.Symlink when entry.Size == 0 && entry.Sha256 is null && entry.LinkTarget is { Length: > 0 } target:
                if (target[0] == '/' || target.Contains('\0') || target.Contains('\\'))
                {
                    throw new FormatViolationException($"symlink '{EntryPathRules.Printable(entry.Path)}' has an absolute or malformed target '{EntryPathRules.Printable(target)}'", entry.Path);
                }

                return;
            default:
                throw new FormatViolationException($"entry '{EntryPathRules.Printable(entry.Path)}' has fields that do not fit its kind");
        }
    }

    /// <summary>
    /// Resolves <paramref name="target"/> relative to directory <paramref name="from"/>, following
    /// the unit's own symlinks, and throws if the walk ever leaves the unit. <paramref name="hops"/>
    /// counts every link followed for one path, as the kernel does (ELOOP after 40): a limit on the
    /// depth alone would let n links that each name the previous one k times cost k^n steps.
    /// </summary>
    private static string Resolve(Dictionary<string, IndexEntry> byPath, string from, string target, string link, ref int hops)
    {
        if (hops > MaxLinkHops)
        {
            throw new FormatViolationException($"symlink '{EntryPathRules.Printable(link)}' is part of a loop or a chain longer than {MaxLinkHops}", link);
        }

        var stack = from.Length == 0 ? new List<string>() : [.. from.Split('/')];
        foreach (var part in target.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count == 0)
                {
                    throw new FormatViolationException($"symlink '{EntryPathRules.Printable(link)}' points outside its unit ('{EntryPathRules.Printable(target)}')", link);
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            stack.Add(part);
            var current = string.Join('/', stack);
            if (byPath.TryGetValue(current, out var entry) && entry.Kind == EntryKind.Symlink)
            {
                hops++;
                var resolved = Resolve(byPath, EntryPathRules.Parent(current), entry.LinkTarget!, link, ref hops);
                stack = resolved.Length == 0 ? [] : [.. resolved.Split('/')];
            }
        }

        return string.Join('/', stack);
    }
}
