using System.Text.Json;
using Satchel.EndToEnd.Tests.Containers;
using Satchel.Testing;
using Satchel.Testing.Faults;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>
/// What a power cut can leave in the cache, simulated: files the marker vouches for that came back
/// empty or zeroed, and a marker written before the current boot. The first start after the
/// "reboot" finds and repairs them; a marker from this boot is trusted without a look at its files.
/// </summary>
public sealed class PowerCutTests : IDisposable
{
    private readonly ToolsSandbox _box = new();

    /// <summary>The current boot, as the kernel reports it (seconds since the epoch).</summary>
    private static long BootTime() =>
        long.Parse(File.ReadAllLines("/proc/stat").Single(l => l.StartsWith("btime ", StringComparison.Ordinal))["btime ".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static void MarkBeforeBoot(string dir) =>
        File.SetLastWriteTimeUtc(Path.Combine(dir, ".satchel-complete"), DateTimeOffset.FromUnixTimeSeconds(BootTime() - 3600).UtcDateTime);

    private static bool MarkedThisBoot(string dir) =>
        new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(dir, ".satchel-complete"))).ToUnixTimeSeconds() >= BootTime();

    private (string App, string UnitDir) PackAndRun()
    {
        _box.Write("src/run.sh", "#!/bin/sh\ncat \"$SATCHEL_APP_DIR/lib/config.txt\" \"$SATCHEL_APP_DIR/lib/more.txt\"\n", executable: true);
        _box.Write("src/lib/config.txt", "config=original\n");
        _box.Write("src/lib/more.txt", "more=original\n");
        var app = _box.Pack("src", "run.sh", "app");
        var first = _box.Run(app);
        Assert.True(first.ExitCode == 0, first.ToString());
        var inspect = _box.Cli("inspect", app, "--json");
        using var doc = JsonDocument.Parse(inspect.StdOut);
        return (app, _box.UnitDir(doc.RootElement.GetProperty("units")[0].GetProperty("key").GetString()!));
    }

    /// <summary>A delayed-allocation file system after a power cut: one file empty, one of the right size but zeroed.</summary>
    private static void LoseData(string unitDir)
    {
        File.WriteAllBytes(Path.Combine(unitDir, "files", "lib", "config.txt"), new byte[16]);
        File.WriteAllBytes(Path.Combine(unitDir, "files", "lib", "more.txt"), []);
    }

    [Fact]
    public void A_unit_marked_before_the_boot_is_checked_and_repaired_on_the_first_start_then_trusted()
    {
        var (app, unit) = PackAndRun();
        LoseData(unit);
        MarkBeforeBoot(unit);

        var repaired = _box.Run(app);
        Assert.True(repaired.ExitCode == 0, repaired.ToString());
        Assert.Equal("config=original\nmore=original\n", repaired.StdOut);
        Assert.Contains("repaired 2 entries of cached unit", repaired.StdErr, StringComparison.Ordinal);
        Assert.True(MarkedThisBoot(unit), "the marker was not touched after the check");

        var next = _box.Run(app);
        Assert.True(next.ExitCode == 0 && next.StdErr.Length == 0, next.ToString());
    }

    [Fact]
    public void Damage_under_a_marker_from_this_boot_is_not_looked_for()
    {
        // Not a power cut (the marker is from this boot): the warm path trusts it, as it always did;
        // SATCHEL_VERIFY=1 is what finds other damage.
        var (app, unit) = PackAndRun();
        LoseData(unit);
        var trusted = _box.Run(app);
        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        Assert.DoesNotContain("original", trusted.StdOut, StringComparison.Ordinal);
    }

    [StraceFact]
    public void A_start_stats_the_files_of_a_unit_marked_before_the_boot_and_none_of_one_marked_since()
    {
        var (app, unit) = PackAndRun();
        var files = Path.Combine(unit, "files") + "/";

        var (warm, warmTrace) = Strace.Run(app, [], _box.Env(), "%stat,%file");
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.DoesNotContain(LauncherLines(warmTrace), l => l.Contains(files, StringComparison.Ordinal));

        MarkBeforeBoot(unit);
        var (checkedRun, checkedTrace) = Strace.Run(app, [], _box.Env(), "%stat,%file");
        Assert.True(checkedRun.ExitCode == 0, checkedRun.ToString());
        Assert.Contains(LauncherLines(checkedTrace), l => l.Contains(files + "lib/more.txt", StringComparison.Ordinal));
    }

    /// <summary>The launcher's own system calls: everything before it execs the app (the trace's second execve).</summary>
    private static string[] LauncherLines(string[] trace)
    {
        var exec = Array.FindIndex(trace, 1, l => l.Contains("execve(", StringComparison.Ordinal));
        Assert.True(exec > 0, "the launcher never exec'd the app:\n" + string.Join('\n', trace));
        return trace[..exec];
    }

    [Fact]
    public void A_venv_marked_before_the_boot_is_checked_and_repaired_on_the_first_start()
    {
        var app = _box.BuildModuleApp("greet", "import json\nprint('greet', json.dumps([1]))\n");
        (string, string?) python = ("SATCHEL_PYTHON", RealPythons.Python311);
        Assert.Equal("greet [1]\n", _box.Run(app, null, python).StdOut);

        var venv = Directory.GetDirectories(Path.Combine(_box.Root, "v1", "venvs")).Single(d => !d.EndsWith(".lock", StringComparison.Ordinal));
        var pth = Directory.GetFiles(Path.Combine(venv, "lib"), "_satchel.pth", SearchOption.AllDirectories).Single();
        var pthText = File.ReadAllText(pth);
        File.WriteAllBytes(pth, []);
        File.WriteAllBytes(Path.Combine(venv, "pyvenv.cfg"), new byte[new FileInfo(Path.Combine(venv, "pyvenv.cfg")).Length]);
        MarkBeforeBoot(venv);

        var repaired = _box.Run(app, null, python);
        Assert.True(repaired.ExitCode == 0, repaired.ToString());
        Assert.Equal("greet [1]\n", repaired.StdOut);
        Assert.Contains("of the app's venv", repaired.StdErr, StringComparison.Ordinal);
        Assert.Equal(pthText, File.ReadAllText(pth));
        Assert.True(MarkedThisBoot(venv), "the venv's marker was not touched after the check");
        var next = _box.Run(app, null, python);
        Assert.True(next.ExitCode == 0 && next.StdErr.Length == 0, next.ToString());
    }

    [RootFact]
    public void A_cache_another_user_cannot_write_is_checked_without_writes_and_damage_there_is_one_line()
    {
        // Baked by root in a directory everyone may read, as an image's cache is (docs/containers.md).
        File.SetUnixFileMode(_box.Combine(), (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(_box.Root);
        File.SetUnixFileMode(_box.Root, (UnixFileMode)0b111_101_101);
        var (app, unit) = PackAndRun();
        MarkBeforeBoot(unit);
        var markerTime = File.GetLastWriteTimeUtc(Path.Combine(unit, ".satchel-complete"));

        var intact = PrebakedCacheTests.RunAsNobody(app, [], _box.Env());
        Assert.True(intact.ExitCode == 0 && intact.StdOut == "config=original\nmore=original\n", intact.ToString());
        Assert.Equal(markerTime, File.GetLastWriteTimeUtc(Path.Combine(unit, ".satchel-complete")));

        LoseData(unit);
        var damaged = PrebakedCacheTests.RunAsNobody(app, [], _box.Env());
        Hostile.LauncherRun.AssertCleanFailure(damaged, 74, "is damaged");
    }

    [RootFact]
    public void A_cache_on_a_read_only_mount_is_not_checked_after_a_reboot()
    {
        // An image layer was written where it was baked, not in a crash of this machine; and a check
        // that can never be marked done would cost every start.
        var (app, unit) = PackAndRun();
        MarkBeforeBoot(unit);
        var markerTime = File.GetLastWriteTimeUtc(Path.Combine(unit, ".satchel-complete"));
        LoseData(unit);
        using var readOnly = ReadOnlyBind.Over(_box.Root);

        var run = _box.Run(app, null, ("SATCHEL_VERBOSE", "1"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("is on a read-only mount, written before it was sealed: not checked", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(markerTime, File.GetLastWriteTimeUtc(Path.Combine(unit, ".satchel-complete")));
    }

    [StraceFact]
    public void A_build_output_is_flushed_before_its_rename_and_its_directory_after()
    {
        _box.Write("src/run.sh", "#!/bin/sh\necho ok\n", executable: true);
        var output = _box.Combine("out", "app");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var (result, trace) = Strace.Run(SatchelCli.Binary, ["pack", _box.Combine("src"), "--entry", "run.sh", "-o", output, "-q"], _box.Env(), "fsync,fdatasync,rename,renameat,renameat2");
        Assert.True(result.ExitCode == 0, result.ToString());

        var rename = Array.FindIndex(trace, l => l.Contains("rename", StringComparison.Ordinal) && l.Contains($"\"{output}\"", StringComparison.Ordinal));
        Assert.True(rename >= 0, "no rename onto the output:\n" + string.Join('\n', trace));
        Assert.Contains(trace[..rename], l => l.Contains("fsync(", StringComparison.Ordinal) && l.Contains(".satchel-tmp-", StringComparison.Ordinal));
        var outputDir = Path.GetDirectoryName(output)!;
        Assert.Contains(trace[(rename + 1)..], l => l.Contains("fsync(", StringComparison.Ordinal) && l.Contains($"<{outputDir}>", StringComparison.Ordinal));
    }

    [StraceFact]
    public void SATCHEL_DURABLE_flushes_the_file_system_before_the_marker_is_written()
    {
        _box.Write("src/run.sh", "#!/bin/sh\necho ok\n", executable: true);
        var app = _box.Pack("src", "run.sh", "app");
        var (result, trace) = Strace.Run(app, [], _box.Env(("SATCHEL_DURABLE", "1")), "syncfs,openat");
        Assert.True(result.ExitCode == 0 && result.StdOut == "ok\n", result.ToString());
        var sync = Array.FindIndex(trace, l => l.Contains("syncfs(", StringComparison.Ordinal));
        var marker = Array.FindIndex(trace, l => l.Contains("openat(", StringComparison.Ordinal) && l.Contains(".satchel-complete", StringComparison.Ordinal) && l.Contains("O_CREAT", StringComparison.Ordinal));
        Assert.True(sync >= 0 && marker > sync, "no syncfs before the marker:\n" + string.Join('\n', trace));

        var (plain, plainTrace) = Strace.Run(app, [], _box.Env(("SATCHEL_ROOT", _box.Combine("other-cache"))), "syncfs");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.DoesNotContain(plainTrace, l => l.Contains("syncfs(", StringComparison.Ordinal));
    }

    public void Dispose() => _box.Dispose();
}
