using System.Text.RegularExpressions;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Removal;
using Satchel.Testing;
using Satchel.Testing.Faults;
using Xunit;

namespace Satchel.EndToEnd.Tests.Pack;

/// <summary>
/// The build directory of `satchel pack`, run for real: created beside the output, removed at the
/// end, leftovers of earlier builds cleared (read-only files, a busy mount, an immutable file),
/// and a clean-up that fails is a warning on an exit-0 build, never a failure.
/// </summary>
public sealed partial class BuildDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-builddir");
    private readonly TempDirectory _cache = new("satchel-builddir-cache");
    private readonly FaultScope _faults;

    public BuildDirectoryTests()
    {
        _faults = new FaultScope(_dir.Path);
        _dir.Write("src/run.sh", "#!/bin/sh\necho \"hello from $0\"\n", executable: true);
    }

    private string Output => _dir.Combine("out", "app");

    private string Staging => Output + ".satchel-build";

    private ProcessResult Pack(params string[] extra)
    {
        Directory.CreateDirectory(_dir.Combine("out"));
        return SatchelCli.Run(["pack", _dir.Combine("src"), "--entry", "run.sh", "-o", Output, "-q", .. extra]);
    }

    private void AssertAppRuns()
    {
        var run = ProcessRunner.Run(Output, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = _cache.Path });
        Assert.True(run.ExitCode == 0 && run.StdOut.StartsWith("hello from", StringComparison.Ordinal), run.ToString());
    }

    private string[] OutDirectory() =>
        [.. Directory.EnumerateFileSystemEntries(_dir.Combine("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>A leftover of a crashed build: nested read-only files in read-only directories.</summary>
    private void MakeStaleWithReadOnlyFiles()
    {
        _dir.Write("out/app.satchel-build/.app.satchel-tmp-0000/partial", "half an app");
        _dir.Write("out/app.satchel-build/ro/deep/file.txt", "read-only");
        File.SetUnixFileMode(Path.Combine(Staging, "ro/deep/file.txt"), UnixFileMode.UserRead);
        File.SetUnixFileMode(Path.Combine(Staging, "ro/deep"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(Staging, "ro"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    [Fact]
    public void A_build_stages_beside_the_output_and_leaves_nothing_behind()
    {
        var result = Pack("--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["app"], OutDirectory());
        Assert.Contains($"build directory {Staging}", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"removed {Staging}", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.StdErr, StringComparison.Ordinal);
        AssertAppRuns();
    }

    [Fact]
    public void A_stale_build_directory_with_read_only_files_is_cleared()
    {
        MakeStaleWithReadOnlyFiles();

        var result = Pack();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Equal(["app"], OutDirectory());
        AssertAppRuns();
    }

    [Fact]
    public void A_build_directory_in_use_by_another_build_is_left_alone()
    {
        _dir.Write("out/app.satchel-build/theirs.txt", "another build's material");
        using var theirLock = FileLock.Acquire(Path.Combine(Staging, ".satchel-build.lock"), exclusive: true, TimeSpan.FromSeconds(5));

        var result = Pack("--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("another build's material", File.ReadAllText(Path.Combine(Staging, "theirs.txt")));
        Assert.Equal(["app", "app.satchel-build"], OutDirectory());
        Assert.Contains("is in use by another build; leaving it", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"build directory {Staging}-", result.StdErr, StringComparison.Ordinal);
        AssertAppRuns();
    }

    [RootFact]
    public void Stale_leftovers_never_fail_a_build_a_busy_mount_is_waited_for_and_an_immutable_file_is_a_warning()
    {
        // First build: read-only files and a tmpfs mounted inside, released 1.5 s into the build.
        MakeStaleWithReadOnlyFiles();
        var mount = _faults.Mount(Path.Combine(Staging, "mnt"));
        File.WriteAllText(Path.Combine(mount.Target, "on-tmpfs.txt"), "x");
        mount.UnmountLater(TimeSpan.FromSeconds(1.5));

        var first = Pack();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(string.Empty, first.StdErr);
        Assert.False(mount.IsMounted);
        Assert.Equal(["app"], OutDirectory());
        AssertAppRuns();

        // Second build: a stale directory holding an immutable file.
        _dir.Write("out/app.satchel-build/imm/other.txt", "removable");
        _faults.MakeImmutable(_dir.Write("out/app.satchel-build/imm/locked.bin", "immutable"));

        var second = Pack();

        Assert.True(second.ExitCode == 0, second.ToString());
        var warning = Assert.Single(second.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: warning: ", warning, StringComparison.Ordinal);
        var named = WarnedPath().Match(warning);
        Assert.True(named.Success, warning);
        Assert.Equal(Staging, named.Groups["staging"].Value);
        Assert.Contains("Operation not permitted", warning, StringComparison.Ordinal);
        AssertAppRuns();

        // Only the immutable file (and the directories holding it) stayed, under the tombstone.
        var tombstone = Staging + Tombstone.Infix + named.Groups["id"].Value;
        Assert.Equal(["app", Path.GetFileName(tombstone)], OutDirectory());
        Assert.Equal([Path.Combine(tombstone, "imm"), Path.Combine(tombstone, "imm", "locked.bin")],
            Directory.EnumerateFileSystemEntries(tombstone, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"(?<staging>/\S+\.satchel-build)\.satchel-del-(?<id>[0-9a-f]{8})/imm/locked\.bin \(")]
    private static partial Regex WarnedPath();

    public void Dispose()
    {
        _faults.Dispose();
        _dir.Dispose();
        _cache.Dispose();
    }
}
