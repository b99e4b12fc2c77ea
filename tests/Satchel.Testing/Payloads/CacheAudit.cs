using System.Security.Cryptography;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Testing.Payloads;

/// <summary>
/// What a cache root may hold after any run, successful or not: lock files, the apps' use records (v1/apps), and complete units
/// whose files verify against the index their key names. Nothing else: no work directory, no
/// tombstone, no marker over a tree that does not verify. Modes: directories 0700, files 0600,
/// executables 0700.
/// </summary>
public static class CacheAudit
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDir = Private | UnixFileMode.UserExecute;

    /// <summary>The units a cache may hold, by key: the units of <paramref name="index"/>, keyed by their entries.</summary>
    public static Dictionary<string, UnitIndex> Known(params PayloadIndex[] indexes)
    {
        var known = new Dictionary<string, UnitIndex>(StringComparer.Ordinal);
        foreach (var unit in indexes.SelectMany(i => i.Units))
        {
            known[Convert.ToHexStringLower(UnitKey.Compute(unit.Entries))] = unit;
        }

        return known;
    }

    /// <summary>Checks the whole cache; returns the keys of the complete units found.</summary>
    public static IReadOnlyList<string> AssertConsistent(string root, IReadOnlyDictionary<string, UnitIndex> known)
    {
        var complete = new List<string>();
        if (!Directory.Exists(root))
        {
            return complete;
        }

        AssertOnly(root, CacheLayout.Schema);
        var schema = Path.Combine(root, CacheLayout.Schema);
        if (!Directory.Exists(schema))
        {
            return complete;
        }

        AssertMode(schema, PrivateDir);
        AssertOnly(schema, "units", "apps");
        AssertAppRecords(Path.Combine(schema, "apps"));
        var units = Path.Combine(schema, "units");
        if (!Directory.Exists(units))
        {
            return complete;
        }

        AssertMode(units, PrivateDir);
        foreach (var path in Directory.EnumerateFileSystemEntries(units))
        {
            var name = Path.GetFileName(path);
            var info = new FileInfo(path);
            Assert.True(info.LinkTarget is null, $"{path} is a symlink");
            if (name.EndsWith(".lock", StringComparison.Ordinal) && File.Exists(path))
            {
                AssertMode(path, Private);
                continue;
            }

            Assert.True(known.TryGetValue(name, out var unit), $"{path} is neither a lock file nor a unit of this app (a work directory or tombstone left behind?)");
            AssertUnit(path, unit!);
            complete.Add(name);
        }

        return complete;
    }

    /// <summary>After a clean failure: no unit at all, only lock files.</summary>
    public static void AssertOnlyLocks(string root) => Assert.Empty(AssertConsistent(root, new Dictionary<string, UnitIndex>()));

    private static void AssertUnit(string unitDir, UnitIndex unit)
    {
        AssertMode(unitDir, PrivateDir);
        var marker = Path.Combine(unitDir, AtomicDirectory.CompleteMarker);
        Assert.True(File.Exists(marker), $"{unitDir} has no completion marker");
        AssertMode(marker, Private);
        AssertOnly(unitDir, AtomicDirectory.CompleteMarker, CacheLayout.UnitFilesDirectory);
        var files = Path.Combine(unitDir, CacheLayout.UnitFilesDirectory);
        AssertMode(files, PrivateDir);

        var expected = unit.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(files, files, found, expected);
        Assert.True(found.SetEquals(expected.Keys), $"{unitDir}: the tree holds [{string.Join(", ", found.Order())}] but the index [{string.Join(", ", expected.Keys.Order())}]");
    }

    private static void Walk(string top, string dir, HashSet<string> found, Dictionary<string, IndexEntry> expected)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(dir))
        {
            var relative = Path.GetRelativePath(top, path).Replace(Path.DirectorySeparatorChar, '/');
            found.Add(relative);
            Assert.True(expected.TryGetValue(relative, out var entry), $"{path} is not in the index");
            var info = new FileInfo(path);
            switch (entry!.Kind)
            {
                case EntryKind.Symlink:
                    Assert.Equal(entry.LinkTarget, info.LinkTarget);
                    break;
                case EntryKind.Directory:
                    Assert.True(info.LinkTarget is null && Directory.Exists(path), $"{path} should be a directory");
                    AssertMode(path, PrivateDir);
                    Walk(top, path, found, expected);
                    break;
                case EntryKind.File:
                    Assert.True(info.LinkTarget is null && info.Exists, $"{path} should be a regular file");
                    Assert.Equal(entry.Size, info.Length);
                    Assert.Equal(Convert.ToHexStringLower(entry.Sha256!), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
                    AssertMode(path, entry.IsExecutable ? PrivateDir : Private);
                    break;
            }
        }
    }

    /// <summary>Use records (docs/cache-layout.md, "In use and last use") and start records ("The start record"): private files named by an app id, nothing else.</summary>
    private static void AssertAppRecords(string apps)
    {
        if (!Directory.Exists(apps))
        {
            return;
        }

        AssertMode(apps, PrivateDir);
        foreach (var path in Directory.EnumerateFileSystemEntries(apps))
        {
            Assert.True(File.Exists(path) && new FileInfo(path).LinkTarget is null, $"{path} is not a plain file");
            Assert.Matches("^[0-9a-f]{32}(\\.start)?$", Path.GetFileName(path));
            AssertMode(path, Private);
        }
    }

    private static void AssertOnly(string dir, params string[] allowed)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(dir))
        {
            Assert.True(allowed.Contains(Path.GetFileName(path)), $"unexpected {path} (only {string.Join(", ", allowed)} belong in {dir})");
        }
    }

    private static void AssertMode(string path, UnixFileMode mode)
    {
        var actual = File.GetUnixFileMode(path);
        Assert.True(actual == mode, $"{path} has mode {Convert.ToString((int)actual, 8)}, expected {Convert.ToString((int)mode, 8)}");
    }
}
