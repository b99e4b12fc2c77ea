using Satchel.EndToEnd.Tests.Hostile;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Containers;

/// <summary>
/// A cache filled ahead of time (`warm`) and used later, by the same user or, prebaked by root,
/// by another one (docs/containers.md): warm does what a first start does and prints nothing;
/// another user runs from root's cache without writing anything, and gets one line saying how to
/// warm it when something is missing; a directory of that cache another user could change is refused.
/// </summary>
public sealed class PrebakedCacheTests(ContainerApp app) : IClassFixture<ContainerApp>
{
    private const int Nobody = 65534;
    private const UnixFileMode PrivateDir = (UnixFileMode)0b111_000_000;
    private const UnixFileMode SharedDir = (UnixFileMode)0b111_101_101;

    public static Dictionary<string, string?> Env(string root, params (string Key, string? Value)[] extra) =>
        AppEnvironment.For(root, ContainerApp.Python, [("PYTHONDONTWRITEBYTECODE", "1"), .. extra]);

    /// <summary>Runs <paramref name="program"/> as uid/gid 65534 with no supplementary groups and a HOME it cannot write.</summary>
    public static ProcessResult RunAsNobody(string program, IReadOnlyList<string> args, Dictionary<string, string?> env)
    {
        env["HOME"] = "/nonexistent";
        return ProcessRunner.Run("setpriv", ["--reuid", $"{Nobody}", "--regid", $"{Nobody}", "--clear-groups", "--", program, .. args], env);
    }

    [Fact]
    public void Warm_does_what_a_first_start_does_prints_nothing_and_the_app_then_runs_from_bytecode()
    {
        var root = app.NewDirectory("own", PrivateDir);

        var warm = ProcessRunner.Run(app.Path, ["warm"], Env(root, ("SATCHEL_TOOLS", "1")));

        Assert.True(warm.ExitCode == 0 && warm.StdOut.Length == 0 && warm.StdErr.Length == 0, warm.ToString());
        AssertWarmed(root);
        var before = TreeSnapshot.Take(root);
        var run = ProcessRunner.Run(app.Path, [], Env(root));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ContainerApp.Expected(CurrentUid()), run.StdOut);
        Assert.Equal(before, TreeSnapshot.Take(root));
    }

    [Fact]
    public void Satchel_cache_warm_fills_the_cache_the_same_way()
    {
        var root = app.NewDirectory("cli", PrivateDir);

        var warm = SatchelCli.Run(["cache", "warm", app.Path], Env(root));

        Assert.True(warm.ExitCode == 0 && warm.StdOut.Length == 0, warm.ToString());
        AssertWarmed(root);
        var again = SatchelCli.Run(["cache", "warm", app.Path], Env(root));
        Assert.True(again.ExitCode == 0 && again.StdOut.Length == 0, again.ToString());
    }

    [RootFact]
    public void A_cache_warmed_by_root_serves_another_user_without_a_single_write()
    {
        var root = app.NewDirectory("shared", SharedDir);
        var warm = ProcessRunner.Run(app.Path, ["warm"], Env(root, ("SATCHEL_TOOLS", "1")));
        Assert.True(warm.ExitCode == 0, warm.ToString());
        var before = TreeSnapshot.Take(root);
        var times = Times(root);

        var run = RunAsNobody(app.Path, [], Env(root));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ContainerApp.Expected(Nobody), run.StdOut);
        Assert.Equal(before, TreeSnapshot.Take(root));
        Assert.Equal(times, Times(root));
    }

    [RootFact]
    public void A_cache_warmed_by_root_that_others_cannot_enter_says_so_instead_of_asking_for_warm_again()
    {
        // A root warm created itself is 0700 (the recipe's `install -d -m 0755` forgotten): warming
        // again changes nothing, so the line names the directory and the chmod that does.
        var root = Path.Combine(app.NewDirectory("closed", SharedDir), "cache");
        var warm = ProcessRunner.Run(app.Path, ["warm"], Env(root, ("SATCHEL_TOOLS", "1")));
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(root) & (UnixFileMode)0b111_111_111);

        var run = RunAsNobody(app.Path, [], Env(root));

        LauncherRun.AssertCleanFailure(run, ExitCodes.NoPermission, $"{root} (mode 700) lets no other user in");
        Assert.Contains($"chmod -R go+rX {root}", run.StdErr, StringComparison.Ordinal);
    }

    [RootFact]
    public void A_read_only_cache_that_lacks_the_app_fails_with_one_line_saying_how_to_warm_it()
    {
        var root = app.NewDirectory("empty", SharedDir);

        var run = RunAsNobody(app.Path, [], Env(root));

        LauncherRun.AssertCleanFailure(run, ExitCodes.CantCreate, "SATCHEL_TOOLS=1 APP warm");
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [RootFact]
    public void A_directory_of_a_shared_cache_that_others_may_write_is_refused()
    {
        var root = app.NewDirectory("loose", SharedDir);
        var warm = ProcessRunner.Run(app.Path, ["warm"], Env(root, ("SATCHEL_TOOLS", "1")));
        Assert.True(warm.ExitCode == 0, warm.ToString());
        var units = Path.Combine(root, "v1", "units");
        File.SetUnixFileMode(units, (UnixFileMode)0b111_111_111);

        var run = RunAsNobody(app.Path, [], Env(root));

        LauncherRun.AssertCleanFailure(run, ExitCodes.CantCreate, $"cache directory {units} (from the shared cache {root}) is writable by other users");
    }

    /// <summary>The units are extracted, the venv assembled, its start hook compiled.</summary>
    private static void AssertWarmed(string root)
    {
        var units = Directory.GetDirectories(Path.Combine(root, "v1", "units"));
        Assert.Equal(2, units.Length);
        Assert.All(units, u => Assert.True(File.Exists(Path.Combine(u, ".satchel-complete")), u));
        var venv = Assert.Single(Directory.GetDirectories(Path.Combine(root, "v1", "venvs")));
        Assert.True(File.Exists(Path.Combine(venv, ".satchel-complete")));
        Assert.True(File.Exists(Path.Combine(venv, "lib", "python3.11", "site-packages", "__pycache__", "_satchel_start.cpython-311.pyc")), venv);
    }

    private static SortedDictionary<string, DateTime> Times(string root)
    {
        var times = new SortedDictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            times[entry.FullName] = entry.LastWriteTimeUtc;
        }

        return times;
    }

    private static int CurrentUid() => int.Parse(ProcessRunner.Run("id", ["-u"]).StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
