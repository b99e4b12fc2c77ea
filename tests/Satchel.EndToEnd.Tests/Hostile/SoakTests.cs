using System.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// Many real launchers at once and many killed mid-extraction: every later run succeeds and
/// every cached unit holds exactly its source tree.
/// </summary>
public sealed class SoakTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-soak");

    /// <summary>A tree of <paramref name="files"/> random files plus an entry that prints a marker.</summary>
    private string Tree(string name, int files, int seed)
    {
        var root = _dir.Combine(name);
        var random = new Random(seed);
        for (var i = 0; i < files; i++)
        {
            var bytes = new byte[random.Next(100, 20_000)];
            random.NextBytes(bytes);
            var path = Path.Combine(root, $"d{i % 13}", $"f{i}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        _dir.Write($"{name}/run.sh", $"#!/bin/sh\necho {name}\n", executable: true);
        return root;
    }

    private string Pack(string tree, string output, string appName)
    {
        var result = SatchelCli.Run(["pack", tree, "--entry", "run.sh", "-o", _dir.Combine(output), "--name", appName, "--compression-level", "1"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return _dir.Combine(output);
    }

    [Fact]
    public void Sixty_four_concurrent_first_runs_of_four_apps_sharing_two_units_all_succeed()
    {
        var red = Tree("red", 300, 1);
        var blue = Tree("blue", 300, 2);
        var apps = new[]
        {
            (Pack(red, "red1", "red-one"), "red"), (Pack(red, "red2", "red-two"), "red"),
            (Pack(blue, "blue1", "blue-one"), "blue"), (Pack(blue, "blue2", "blue-two"), "blue"),
        };
        var root = _dir.Combine("cache");
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root, ["SATCHEL_VERBOSE"] = null };
        var runs = Enumerable.Range(0, 64).Select(i => (App: apps[i % 4], Process: ProcessRunner.Start(apps[i % 4].Item1, [], env))).ToList();
        foreach (var (app, process) in runs)
        {
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEnd();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0 && stdout == app.Item2 + "\n", $"exit {process.ExitCode}: {stdout} {stderr}");
            }
        }

        var units = Path.Combine(root, "v1", "units");
        var dirs = Directory.GetDirectories(units);
        Assert.Equal(2, dirs.Length);
        Assert.DoesNotContain(dirs, d => d.Contains(".work-"));
        var snapshots = dirs.Select(d => TreeSnapshot.Take(Path.Combine(d, "files"))).ToList();
        Assert.Contains(snapshots, s => s.SequenceEqual(TreeSnapshot.Take(red)));
        Assert.Contains(snapshots, s => s.SequenceEqual(TreeSnapshot.Take(blue)));
    }

    [Fact]
    public void Two_hundred_runs_killed_at_random_points_never_leave_a_unit_that_does_not_verify()
    {
        var tree = Tree("green", 400, 3);
        var app = Pack(tree, "green-app", "green");
        var expected = TreeSnapshot.Take(tree);
        var root = _dir.Combine("kill-cache");
        var units = Path.Combine(root, "v1", "units");
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root, ["SATCHEL_VERBOSE"] = null };
        var random = new Random(7);
        var killedDuringRun = 0;
        for (var i = 0; i < 200; i++)
        {
            // Odd rounds start from an empty cache (the kill lands in a fresh extraction); even
            // rounds keep what the kill of the previous round left (work directories, a unit).
            if (i % 2 == 1 && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            using var victim = ProcessRunner.Start(app, [], env);
            Thread.Sleep(random.Next(0, 60));
            if (!victim.HasExited)
            {
                victim.Kill();
                killedDuringRun++;
            }

            victim.WaitForExit();
            var next = ProcessRunner.Run(app, [], env);
            Assert.True(next.ExitCode == 0 && next.StdOut == "green\n", $"round {i}: {next}");
            var complete = Directory.GetDirectories(units).Where(d => !d.Contains(".work-") && !d.Contains(".satchel-del-")).ToList();
            Assert.Single(complete);
            if (i % 5 == 0)
            {
                Assert.Equal(expected, TreeSnapshot.Take(Path.Combine(complete[0], "files")));
            }
        }

        Assert.True(killedDuringRun >= 80, $"only {killedDuringRun} of 200 runs were killed before they finished");
    }


    public void Dispose() => _dir.Dispose();
}
