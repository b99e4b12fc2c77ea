using System.Text.Json;
using Satchel.Build.Packing;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Caching;

/// <summary>One entry of a <see cref="CachedTreeListing"/>: a path relative to the tree, as the scanner found it.</summary>
public sealed record CachedTreeEntry(string Path, EntryKind Kind, bool Executable, string? LinkTarget, long Size);

/// <summary>
/// The entries of a tree the build cache keeps (an installed wheel, compiled bytecode), listed once
/// when its entry is made (<c>tree.json</c> beside <c>tree/</c>): the tree never changes there, so
/// a rebuild reads the list instead of walking the tree again (awscli's wheels: 8,500 files, some
/// 50,000 system calls). An entry made before lists were kept is walked as before.
/// </summary>
public static class CachedTreeListing
{
    public const string FileName = "tree.json";

    /// <summary>Lists <paramref name="tree"/> (inside an entry's work directory) into its listing file beside it.</summary>
    public static void Write(string tree)
    {
        var entries = SourceTreeScanner.Scan(tree).Select(e => new CachedTreeEntry(e.Path, e.Kind, e.Executable, e.LinkTarget, e.Size ?? 0)).ToList();
        File.WriteAllText(ListingOf(tree), JsonSerializer.Serialize(entries, BuildCacheJson.Default.ListCachedTreeEntry));
    }

    /// <summary>The tree's entries: from its listing when the tree is a build cache entry's that has one, else scanned.</summary>
    public static List<SourceEntry> Entries(string tree, bool cached)
    {
        var listing = ListingOf(tree);
        if (!cached || !File.Exists(listing))
        {
            return SourceTreeScanner.Scan(tree);
        }

        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(listing), BuildCacheJson.Default.ListCachedTreeEntry) ?? throw new JsonException("null");
            return [.. stored.Select(e => e.Kind switch
            {
                EntryKind.File => SourceEntry.File(e.Path, Path.Combine(tree, e.Path), e.Executable) with { Size = e.Size },
                EntryKind.Symlink => SourceEntry.Symlink(e.Path, e.LinkTarget ?? throw new JsonException($"the symlink {e.Path} has no target")),
                _ => SourceEntry.Directory(e.Path),
            })];
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SatchelException(ExitCodes.Data,
                $"the build cache entry {Path.GetDirectoryName(tree)} is damaged ({e.Message}); remove it (`satchel cache purge`) or build with --no-build-cache");
        }
    }

    private static string ListingOf(string tree) => Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(tree))!, FileName);
}
