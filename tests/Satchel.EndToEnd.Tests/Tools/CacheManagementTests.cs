using System.Text.Json;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>`satchel cache` against real running apps: in-use protection, last use, prune by age, purge.</summary>
public sealed class CacheManagementTests : IDisposable
{
    private readonly ToolsSandbox _box = new();

    /// <summary>An app that reads its own files in a loop until a stop file appears, then says whether every read worked.</summary>
    private string PackReader(string name)
    {
        _box.Write($"{name}-src/data.txt", $"{name} data\n");
        _box.Write($"{name}-src/run.sh", """
            #!/bin/sh
            started="$1"; stop="$2"
            touch "$started"
            failures=0
            while [ ! -e "$stop" ]; do
              cat "$SATCHEL_APP_DIR/data.txt" > /dev/null || failures=$((failures+1))
              sleep 0.05
            done
            cat "$SATCHEL_APP_DIR/data.txt" || failures=$((failures+1))
            echo "failures=$failures"
            """, executable: true);
        return _box.Pack($"{name}-src", "run.sh", name);
    }

    private string PackQuick(string name)
    {
        _box.Write($"{name}-src/run.sh", $"#!/bin/sh\necho {name}\n", executable: true);
        return _box.Pack($"{name}-src", "run.sh", name);
    }

    private JsonElement[] ListEntries()
    {
        var result = _box.Cli("cache", "list", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StdOut);
        return [.. doc.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }

    private string KeyOf(string app)
    {
        var result = _box.Cli("inspect", app, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StdOut);
        return doc.RootElement.GetProperty("units")[0].GetProperty("key").GetString()!;
    }

    private static void WaitFor(string path, System.Diagnostics.Process process)
    {
        for (var i = 0; i < 600 && !File.Exists(path); i++)
        {
            if (process.HasExited)
            {
                Assert.Fail($"the app exited early: {process.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(50);
        }

        Assert.True(File.Exists(path), $"{path} never appeared");
    }

    [Fact]
    public void Purge_keeps_the_units_of_a_running_app_that_reads_them_and_removes_them_after_it_exits()
    {
        var running = PackReader("running");
        var idle = PackQuick("idle");
        Assert.Equal(0, _box.Run(idle).ExitCode);
        var runningKey = KeyOf(running);
        var idleKey = KeyOf(idle);

        var started = _box.Combine("started");
        var stop = _box.Combine("stop");
        using var app = ProcessRunner.Start(running, [started, stop], _box.Env());
        try
        {
            Purge_while_running(app, started, stop, runningKey, idleKey);
        }
        finally
        {
            // Whatever failed, the reader must not outlive the test.
            File.WriteAllText(stop, string.Empty);
            if (!app.WaitForExit(10_000))
            {
                app.Kill(entireProcessTree: true);
            }
        }

        var after = _box.Cli("cache", "purge");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.False(Directory.Exists(_box.UnitDir(runningKey)), "purge after the app exited left its unit");
        Assert.Empty(ListEntries());

        // And the app still runs: its unit is extracted again.
        File.Delete(started);
        var again = _box.Run(running, [started, stop]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("running data", again.StdOut);
    }

    private void Purge_while_running(System.Diagnostics.Process app, string started, string stop, string runningKey, string idleKey)
    {
        WaitFor(started, app);

        var purge = _box.Cli("cache", "purge");
        Assert.True(purge.ExitCode == 0, purge.ToString());
        Assert.Contains($"kept unit {runningKey}", purge.StdOut);
        Assert.True(File.Exists(Path.Combine(_box.UnitFiles(runningKey), "data.txt")), "the running app's unit was removed");
        Assert.False(Directory.Exists(_box.UnitDir(idleKey)), "the idle app's unit survived purge");

        // The app keeps reading its files after the purge.
        Thread.Sleep(300);
        File.WriteAllText(stop, string.Empty);
        var output = app.StandardOutput.ReadToEnd();
        app.WaitForExit();
        Assert.True(app.ExitCode == 0, app.StandardError.ReadToEnd());
        Assert.Contains("running data", output);
        Assert.Contains("failures=0", output);
    }

    /// <summary>The apps' use records (not their start records).</summary>
    private string[] UseRecords() =>
        [.. Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps")).Where(f => !f.EndsWith(".start", StringComparison.Ordinal))];

    [Fact]
    public void Prune_older_than_removes_what_was_last_used_before_the_cutoff_and_keeps_the_rest()
    {
        var old = PackQuick("old");
        var recent = PackQuick("recent");
        Assert.Equal(0, _box.Run(old).ExitCode);
        Assert.Equal(0, _box.Run(recent).ExitCode);
        var oldKey = KeyOf(old);
        var recentKey = KeyOf(recent);

        // Fake the last use: the app's use record and the unit's marker, ten days back.
        var tenDaysAgo = DateTime.UtcNow - TimeSpan.FromDays(10);
        var records = UseRecords();
        Assert.Equal(2, records.Length);
        foreach (var record in records.Where(r => File.ReadAllText(r).Contains(oldKey, StringComparison.Ordinal)))
        {
            File.SetLastWriteTimeUtc(record, tenDaysAgo);
        }

        File.SetLastWriteTimeUtc(Path.Combine(_box.UnitDir(oldKey), ".satchel-complete"), tenDaysAgo);

        var listed = ListEntries().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.True(DateTime.UtcNow - listed[oldKey].GetProperty("last_use").GetDateTime().ToUniversalTime() > TimeSpan.FromDays(9));
        Assert.Equal("old", Assert.Single(listed[oldKey].GetProperty("apps").EnumerateArray().ToList()).GetString());

        var tooYoung = _box.Cli("cache", "prune", "--older-than", "11d");
        Assert.True(tooYoung.ExitCode == 0, tooYoung.ToString());
        Assert.True(Directory.Exists(_box.UnitDir(oldKey)));

        var prune = _box.Cli("cache", "prune", "--older-than", "5d");
        Assert.True(prune.ExitCode == 0, prune.ToString());
        Assert.Contains("removed 1 entry", prune.StdOut);
        Assert.False(Directory.Exists(_box.UnitDir(oldKey)), "the unit unused for 10 days survived prune --older-than 5d");
        Assert.True(Directory.Exists(_box.UnitDir(recentKey)), "the recently used unit was pruned");
        Assert.Single(UseRecords());

        // With its use record goes the app's start record (docs/cache-layout.md, "The start record").
        Assert.Equal([.. UseRecords().Select(r => r + ".start")], Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps"), "*.start"));

        // A run records its use: the recent app's record is newer than the cutoff of a 1-minute prune.
        Assert.Equal(0, _box.Run(recent).ExitCode);
        Assert.True(_box.Cli("cache", "prune", "--older-than", "1m").ExitCode == 0);
        Assert.True(Directory.Exists(_box.UnitDir(recentKey)));
    }

    [Fact]
    public void Purge_keeps_the_venv_and_units_of_a_running_python_app()
    {
        _box.Write("py/waiter.py", """
            import os, sys, time
            open(sys.argv[1], "w").close()
            while not os.path.exists(sys.argv[2]):
                time.sleep(0.05)
            import json
            print("waiter done", json.dumps([1]))
            """);
        Directory.CreateDirectory(_box.Combine("no-wheels"));
        var app = _box.Combine("waiter");
        var build = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", _box.Combine("no-wheels"),
            "--sources", _box.Combine("py"), "-m", "waiter", "-o", app, "-q"]);
        Assert.True(build.ExitCode == 0, build.ToString());

        var started = _box.Combine("py-started");
        var stop = _box.Combine("py-stop");
        var env = _box.Env(("SATCHEL_PYTHON", RealPythons.Python311));
        using var process = ProcessRunner.Start(app, [started, stop], env);
        try
        {
            WaitFor(started, process);
            var purge = _box.Cli("cache", "purge");
            Assert.True(purge.ExitCode == 0, purge.ToString());
            Assert.Contains("kept venv", purge.StdOut);
            Assert.Contains("kept unit", purge.StdOut);
            Assert.Contains("removed 0 entries", purge.StdOut);
        }
        finally
        {
            File.WriteAllText(stop, string.Empty);
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Contains("waiter done [1]", process.StandardOutput.ReadToEnd());
        Assert.Equal(0, process.ExitCode);

        // Leftovers of SATCHEL_VERIFY repairs that crashed: not entries of their own, removed with their owner.
        var venv = Directory.GetDirectories(Path.Combine(_box.Root, "v1", "venvs")).Single(d => !d.Contains(".repair-", StringComparison.Ordinal));
        var unit = Directory.GetDirectories(Path.Combine(_box.Root, "v1", "units")).Single();
        _box.Write(Path.GetRelativePath(_box.Combine(), venv + ".repair-999-0badf00d/bin/python"), "left by a crash\n");
        _box.Write(Path.GetRelativePath(_box.Combine(), unit + ".repair-999-0badf00d/files/x"), "left by a crash\n");
        Assert.Equal(2, ListEntries().Length);

        var after = _box.Cli("cache", "purge");
        Assert.Contains("removed 2 entries", after.StdOut);
        Assert.Empty(ListEntries());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_box.Root, "v1", "venvs"), "*.repair-*"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_box.Root, "v1", "units"), "*.repair-*"));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("soon")]
    [InlineData("1.5d")]
    public void Prune_with_an_age_that_is_not_one_exits_64(string age)
    {
        var result = _box.Cli("cache", "prune", "--older-than", age);
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("is not an age", result.StdErr);
    }

    [Fact]
    public void Cache_dir_and_info_describe_the_root()
    {
        var app = PackQuick("quick");
        Assert.Equal(0, _box.Run(app).ExitCode);
        var dir = _box.Cli("cache", "dir");
        Assert.Equal(_box.Root, dir.StdOut.Trim());
        var info = _box.Cli("cache", "info");
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("units: 1", info.StdOut);
        Assert.Contains("apps: 1", info.StdOut);
    }

    public void Dispose() => _box.Dispose();
}
