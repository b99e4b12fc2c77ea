using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Removal;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Removal;

/// <summary>
/// Property: whatever the tree (nested directories, read-only directories, symlinks to files and
/// directories outside it, relative and absolute, dangling ones, links inside it), removing it
/// removes exactly the tree: everything outside that its links point to survives unchanged.
/// </summary>
public sealed class LinkSafetyPropertyTests
{
    /// <summary>One entry to create: what it is, and which earlier directory it goes in (an index, wrapped).</summary>
    public sealed record EntrySpec(EntryShape Shape, int Parent);

    public enum EntryShape
    {
        Directory,
        ReadOnlyDirectory,
        File,
        AbsoluteLinkToOutsideDirectory,
        RelativeLinkToOutsideDirectory,
        LinkToOutsideFile,
        LinkToOutsideSubdirectory,
        DanglingLink,
        LinkToInsideDirectory,
    }

    private static readonly Gen<EntrySpec> Entry =
        from shape in Gen.Elements(Enum.GetValues<EntryShape>())
        from parent in Gen.Choose(0, 1000)
        select new EntrySpec(shape, parent);

    [Fact]
    public void Removal_never_follows_a_link_out_of_the_tree()
    {
        // Up to 40 entries: deep enough for links inside read-only directories inside links' targets.
        var trees = Gen.Sized(size => Gen.ListOf(Entry, Math.Clamp(size, 1, 40))).Select(list => list.ToArray());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(trees.ToArbitrary(), RemovesOnlyTheTree));
    }

    private static bool RemovesOnlyTheTree(EntrySpec[] entries)
    {
        using var dir = new TempDirectory("satchel-links");
        var outside = dir.Combine("outside");
        dir.Write("outside/top.txt", "top");
        dir.Write("outside/sub/inner.txt", "inner");
        var before = Snapshot(outside);

        var tree = dir.Combine("tree");
        Build(tree, outside, entries);

        TreeRemover.Remove(tree);

        return !Directory.Exists(tree) && !File.Exists(tree)
            && Snapshot(outside).SequenceEqual(before)
            && Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).SequenceEqual(["outside"]);
    }

    private static void Build(string tree, string outside, EntrySpec[] entries)
    {
        var directories = new List<string> { tree };
        Directory.CreateDirectory(tree);
        var readOnly = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            var parent = directories[entries[i].Parent % directories.Count];
            var path = Path.Combine(parent, $"e{i}");
            switch (entries[i].Shape)
            {
                case EntryShape.Directory:
                    Directory.CreateDirectory(path);
                    directories.Add(path);
                    break;
                case EntryShape.ReadOnlyDirectory:
                    Directory.CreateDirectory(path);
                    File.WriteAllText(Path.Combine(path, "f"), "f");
                    readOnly.Add(path);
                    break;
                case EntryShape.File:
                    File.WriteAllText(path, "data");
                    break;
                case EntryShape.AbsoluteLinkToOutsideDirectory:
                    File.CreateSymbolicLink(path, outside);
                    break;
                case EntryShape.RelativeLinkToOutsideDirectory:
                    File.CreateSymbolicLink(path, Path.GetRelativePath(parent, outside));
                    break;
                case EntryShape.LinkToOutsideFile:
                    File.CreateSymbolicLink(path, Path.Combine(outside, "top.txt"));
                    break;
                case EntryShape.LinkToOutsideSubdirectory:
                    File.CreateSymbolicLink(path, Path.Combine(outside, "sub"));
                    break;
                case EntryShape.DanglingLink:
                    File.CreateSymbolicLink(path, Path.Combine(outside, "missing", "nothing"));
                    break;
                case EntryShape.LinkToInsideDirectory:
                    File.CreateSymbolicLink(path, directories[(entries[i].Parent / 7) % directories.Count]);
                    break;
            }
        }

        // Read-only last, so creating entries inside them above never failed.
        foreach (var path in readOnly)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Every path under <paramref name="root"/> with its content (files) or kind, sorted.</summary>
    private static List<string> Snapshot(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(path => Path.GetRelativePath(root, path) + (File.Exists(path) ? "=" + File.ReadAllText(path) : "/"))
            .Order(StringComparer.Ordinal)];
}
