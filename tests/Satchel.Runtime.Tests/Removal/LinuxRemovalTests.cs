using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Removal;
using Satchel.Testing;
using Satchel.Testing.Faults;
using Xunit;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Tests.Removal;

/// <summary>The remover on the real Linux file system, with real faults: mounts, immutable files, permissions.</summary>
public sealed class LinuxRemovalTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-rm");
    private readonly FaultScope _faults;
    private readonly StringWriter _logText = new();

    public LinuxRemovalTests() => _faults = new FaultScope(_dir.Path);

    private string Tree => _dir.Combine("tree");

    private Log Log => new(true, _logText);

    private void BuildTree()
    {
        _dir.Write("tree/a.txt", "a");
        _dir.Write("tree/sub/b.txt", "b");
        _dir.Write("tree/sub/deeper/c.txt", "c");
        Directory.CreateDirectory(_dir.Combine("tree/empty"));
    }

    private string[] Leftovers() => [.. Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Read_only_files_and_directories_without_permissions_are_removed()
    {
        BuildTree();
        File.SetUnixFileMode(_dir.Combine("tree/a.txt"), UnixFileMode.UserRead);
        File.SetUnixFileMode(_dir.Combine("tree/sub/deeper"), UnixFileMode.None);
        File.SetUnixFileMode(_dir.Combine("tree/sub"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        TreeRemover.Remove(Tree, Log);

        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_single_file_and_a_symlink_are_removed_like_trees()
    {
        var file = _dir.Write("lonely.txt", "x");
        var target = _dir.Write("target.txt", "kept");
        var link = _dir.Combine("link");
        File.CreateSymbolicLink(link, target);

        TreeRemover.Remove(file);
        TreeRemover.Remove(link);

        Assert.Equal(["target.txt"], Leftovers());
        Assert.Equal("kept", File.ReadAllText(target));
    }

    [Fact]
    public void Every_removal_leaves_a_verbose_line_and_no_tombstone()
    {
        BuildTree();

        TreeRemover.Remove(Tree, Log);

        Assert.Empty(Leftovers());
        Assert.Contains($"removing {Tree} (moved aside to {Tree}{Tombstone.Infix}", _logText.ToString(), StringComparison.Ordinal);
    }

    [RootFact]
    public void A_tmpfs_mounted_inside_stops_removal_until_it_is_unmounted_and_is_never_emptied()
    {
        BuildTree();
        var mount = _faults.Mount(_dir.Combine("tree/sub/mnt"));
        File.WriteAllText(Path.Combine(mount.Target, "inside.txt"), "on the tmpfs");
        mount.UnmountLater(TimeSpan.FromSeconds(1.5), markerInside: "inside.txt");

        TreeRemover.Remove(Tree, Log);

        Assert.Empty(Leftovers());
        Assert.False(mount.IsMounted);
        // The remover never deleted inside the other file system: the file was there at unmount.
        Assert.Equal("marker-kept", mount.WaitForUnmount().Trim());
        Assert.Contains("Device or resource busy (errno 16 EBUSY)", _logText.ToString(), StringComparison.Ordinal);
        Assert.Contains("retry 1 in 10 ms", _logText.ToString(), StringComparison.Ordinal);
    }

    [RootFact]
    public void A_tree_that_is_itself_a_mount_point_cannot_be_moved_aside_and_is_emptied_in_place()
    {
        var mount = _faults.Mount(Tree);
        _dir.Write("tree/x/y.txt", "on the tmpfs");
        mount.UnmountLater(TimeSpan.FromSeconds(1.5));

        TreeRemover.Remove(Tree, Log);

        Assert.Empty(Leftovers());
        Assert.Equal(string.Empty, mount.WaitForUnmount());
        Assert.Contains($"removing {Tree} in place: cannot move it aside: Device or resource busy", _logText.ToString(), StringComparison.Ordinal);
    }

    [RootFact]
    public void An_immutable_file_is_named_exactly_and_everything_else_is_gone()
    {
        BuildTree();
        _faults.MakeImmutable(_dir.Write("tree/sub/deeper/locked.bin", "immutable"));

        var failure = Assert.Throws<RemovalFailedException>(() => TreeRemover.Remove(Tree, Log));

        var tombstone = failure.Location;
        Assert.StartsWith(Tree + Tombstone.Infix, tombstone, StringComparison.Ordinal);
        var stuck = Assert.Single(failure.Failures);
        Assert.Equal(Path.Combine(tombstone, "sub/deeper/locked.bin"), stuck.Path);
        Assert.Equal(OsErrorKind.AccessDenied, stuck.Error.Kind);
        Assert.Equal(1, stuck.Error.Code);

        // Everything else went: only the chain of directories down to the immutable file is left.
        var left = Directory.EnumerateFileSystemEntries(tombstone, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([Path.Combine(tombstone, "sub"), Path.Combine(tombstone, "sub/deeper"), stuck.Path], left);
        Assert.Equal([Path.GetFileName(tombstone)], Leftovers());

        Assert.Equal(
            $"cannot remove {Tree} (moved aside to {tombstone}): 1 path left: {stuck.Path} (Operation not permitted (errno 1 EPERM)); "
            + "check ownership, permissions and immutable flags (`lsattr`, `chattr -i`); then delete what is left by hand",
            failure.Message);
    }

    [RootFact]
    public void A_busy_mount_that_outlasts_the_budget_is_named_with_its_error_and_the_hint()
    {
        BuildTree();
        var mount = _faults.Mount(_dir.Combine("tree/mnt"));
        var options = RemovalOptions.Default with { Budget = TimeSpan.FromMilliseconds(200) };

        Assert.False(TreeRemover.TryRemove(Tree, options, out var failure, Log));

        var stuck = Assert.Single(failure!.Failures);
        Assert.Equal(Path.Combine(failure.Location, "mnt"), stuck.Path);
        Assert.Equal(OsErrorKind.Busy, stuck.Error.Kind);
        Assert.True(mount.IsMounted);
        Assert.Contains("unmount it (see `findmnt`)", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SatchelVariables.DeleteTimeout, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _faults.Dispose();
        _dir.Dispose();
    }
}
