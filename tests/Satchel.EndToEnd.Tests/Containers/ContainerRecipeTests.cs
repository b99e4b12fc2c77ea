using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Containers;

/// <summary>
/// The steps of docs/containers.md without Docker: `RUN SATCHEL_TOOLS=1 /app/tool warm` as root
/// into an absolute SATCHEL_ROOT made 0755, then the image's run: a private mount namespace in
/// which every mount but /proc and /dev is read-only (readOnlyRootFilesystem), uid 65534
/// (USER), a HOME that does not exist, and PYTHONDONTWRITEBYTECODE=1. The app runs, from bytecode.
/// </summary>
public sealed class ContainerRecipeTests(ContainerApp app) : IClassFixture<ContainerApp>
{
    // $1 = the app, $2 = the cache root, $3 = a command to run it under (strace) or empty. The
    // namespace is private: nothing here leaks out.
    private const string ReadOnlyRun = """
        set -e
        mount --make-rprivate /
        awk '{ print $2 }' /proc/self/mounts | sort -u | while read -r target; do
          case "$target" in
            /proc|/proc/*|/dev|/dev/*) ;;
            *) mount -o remount,bind,ro "$target" 2>/dev/null || true ;;
          esac
        done
        for probe in "$2/probe" "$(dirname "$1")/probe" /tmp/satchel-probe-$$ /probe; do
          if touch "$probe" 2>/dev/null; then
            echo "still writable: $probe" >&2
            exit 99
          fi
        done
        exec $3 setpriv --reuid 65534 --regid 65534 --clear-groups -- env HOME=/nonexistent PYTHONDONTWRITEBYTECODE=1 SATCHEL_ROOT="$2" "$1"
        """;

    [RootFact]
    public void The_app_runs_as_nobody_from_a_cache_warmed_by_root_on_a_read_only_file_system()
    {
        var root = app.NewDirectory("opt-satchel", (UnixFileMode)0b111_101_101);
        var warm = ProcessRunner.Run(app.Path, ["warm"], PrebakedCacheTests.Env(root, ("SATCHEL_TOOLS", "1")));
        Assert.True(warm.ExitCode == 0 && warm.StdOut.Length == 0 && warm.StdErr.Length == 0, warm.ToString());
        var before = TreeSnapshot.Take(root);

        var run = ProcessRunner.Run("unshare", ["-m", "--", "/bin/sh", "-c", ReadOnlyRun, "sh", app.Path, root, ""],
            PrebakedCacheTests.Env(root), timeout: TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ContainerApp.Expected(65534), run.StdOut);
        Assert.Equal(before, TreeSnapshot.Take(root));
    }

    /// <summary>
    /// The image's starts are the warm-start stub's alone, from the start record root's `warm`
    /// wrote (docs/cache-layout.md, "The start record"): no memfd, no exec of the full launcher,
    /// though the cache is root's, read-only, and its markers older than this boot would be in a
    /// real image (a read-only mount is not checked after a reboot, by either launcher).
    /// </summary>
    [RootFact(NeedsStrace = true)]
    public void In_the_image_the_warm_start_stub_serves_every_start_from_the_record_warm_wrote()
    {
        var root = app.NewDirectory("opt-satchel-stub", (UnixFileMode)0b111_101_101);
        var warm = ProcessRunner.Run(app.Path, ["warm"], PrebakedCacheTests.Env(root, ("SATCHEL_TOOLS", "1")));
        Assert.True(warm.ExitCode == 0, warm.ToString());

        // Markers as an image's are: older than the boot of the machine that runs it.
        foreach (var marker in Directory.EnumerateFiles(Path.Combine(root, "v1"), ".satchel-complete", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(marker, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        var strace = $"{Strace.Binary} -f -qq -e trace=execve,execveat,memfd_create -o /dev/stderr";
        var run = ProcessRunner.Run("unshare", ["-m", "--", "/bin/sh", "-c", ReadOnlyRun, "sh", app.Path, root, strace],
            PrebakedCacheTests.Env(root), timeout: TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ContainerApp.Expected(65534), run.StdOut);
        Assert.DoesNotContain("memfd_create", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("execveat", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("/bin/python", run.StdErr, StringComparison.Ordinal);

        // A record in a directory others may write could be anyone's: such a start is the full launcher's.
        File.SetUnixFileMode(Path.Combine(root, "v1", "apps"), (UnixFileMode)0b111_111_111);
        var unsafeRecord = ProcessRunner.Run("unshare", ["-m", "--", "/bin/sh", "-c", ReadOnlyRun, "sh", app.Path, root, strace],
            PrebakedCacheTests.Env(root), timeout: TimeSpan.FromMinutes(2));
        Assert.True(unsafeRecord.ExitCode == 0, unsafeRecord.ToString());
        Assert.Contains("memfd_create", unsafeRecord.StdErr, StringComparison.Ordinal);
    }
}
