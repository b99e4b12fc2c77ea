using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.SeveralPythons;

/// <summary>
/// Several interpreters resolve at once (docs/interpreters.md, "Several interpreters"), and every
/// pip of them goes when the build stops: the distribution resolved is an sdist whose in-tree build
/// backend records its process and its pip's (file names VERSION-PID-PPID) and then sleeps, so
/// each pip is caught inside its metadata hook, a grandchild of satchel.
/// </summary>
public sealed class ParallelResolutionTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = new("satchel-parallel");

    private string Pids => _dir.Combine("pids");

    [Fact]
    public void Sigterm_while_three_pips_resolve_at_once_kills_every_one_and_removes_the_staging_directory()
    {
        var links = WriteHangingSdist(failFor: null);
        var output = _dir.Combine("out", "app");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        using var process = StartBuild(links, output, ("SATCHEL_RESOLVE_JOBS", "3"));
        var stderr = process.StandardError.ReadToEndAsync();
        // All three hooks running at once is what shows the resolutions are concurrent.
        var holders = WaitForHooks(process, stderr, count: 3);
        Assert.Equal(["3.11", "3.13", "3.9"], holders.Select(h => h.Version).Order(StringComparer.Ordinal));

        UnixSignals.Send(process.Id, 15);
        var (exitCode, errors) = Ended(process, stderr, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 143, $"exit {exitCode}: {errors}");
        var last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.StartsWith("satchel: interrupted by SIGTERM", last, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);

        AssertAllGone(holders);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(output)!));
    }

    [Fact]
    public void One_interpreter_failing_stops_the_others_at_once_and_names_it()
    {
        // 3.9's hook fails straight away; 3.11's and 3.13's would sleep ten minutes.
        var links = WriteHangingSdist(failFor: "3.9");
        var output = _dir.Combine("out", "app");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var clock = Stopwatch.StartNew();
        using var process = StartBuild(links, output, ("SATCHEL_RESOLVE_JOBS", "3"));
        var (exitCode, errors) = Ended(process, process.StandardError.ReadToEndAsync(), Deadline);
        var elapsed = clock.Elapsed;

        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exitCode is not 0 and not 70 and < 128, $"exit {exitCode}: {errors}");
        var line = Assert.Single(lines, l => l.StartsWith("satchel: for --python", StringComparison.Ordinal));
        Assert.StartsWith($"satchel: for --python {RealPythons.Python39} (Python 3.9.18): pip failed", line, StringComparison.Ordinal);
        Assert.Contains("hangpkg refuses to build for Python 3.9", File.ReadAllText(output + ".pip.log"), StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(120), $"took {elapsed}: the other interpreters' pips were waited for");

        var holders = Holders();
        Assert.Contains(holders, h => h.Version == "3.9");
        AssertAllGone(holders);
        Assert.Equal(["app.pip.log"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(output)!).Select(Path.GetFileName));
    }

    private Process StartBuild(string links, string output, params (string Key, string? Value)[] extra) =>
        ProcessRunner.Start(SatchelCli.Binary,
            ["build", "--python", RealPythons.Python39, "--python", RealPythons.Python311, "--python", RealPythons.Python313,
             "--no-index", "-f", links, "hangpkg", "-m", "hangpkg", "-o", output, "--no-build-cache"],
            AppEnvironment.For(_dir.Combine("cache"), RealPythons.Python311, extra));

    /// <summary>Waits for satchel to end (killing it after <paramref name="limit"/>): its exit status and stderr.</summary>
    private static (int ExitCode, string StdErr) Ended(Process process, Task<string> stderr, TimeSpan limit)
    {
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"satchel did not end within {limit}");
        }

        process.WaitForExit();
        return (process.ExitCode, stderr.GetAwaiter().GetResult());
    }

    private List<Holder> WaitForHooks(Process process, Task<string> stderr, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var holders = Holders();
            if (holders.Count >= count)
            {
                return holders;
            }

            if (process.HasExited)
            {
                Assert.Fail($"satchel ended (exit {process.ExitCode}) before {count} build hooks ran: {stderr.GetAwaiter().GetResult()}");
            }

            if (clock.Elapsed > Deadline)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"only {holders.Count} of {count} build hooks ran within {Deadline}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>The hooks that ran: each one's Python version, its own pid and its pip's.</summary>
    private List<Holder> Holders() =>
        [.. Directory.EnumerateFiles(Pids).Select(Path.GetFileName).Select(n => n!.Split('-')).Select(p => new Holder(p[0], int.Parse(p[1]), int.Parse(p[2])))];

    private static void AssertAllGone(List<Holder> holders)
    {
        foreach (var holder in holders)
        {
            // Killed processes may stay zombies a moment if nothing reaps them: gone all the same.
            var clock = Stopwatch.StartNew();
            while ((Alive(holder.Pid) || Alive(holder.Pip)) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }

            Assert.False(Alive(holder.Pid), $"the build hook of Python {holder.Version} (pid {holder.Pid}) survived the build");
            Assert.False(Alive(holder.Pip), $"pip for Python {holder.Version} (pid {holder.Pip}) survived the build");
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) S ..."; Z is a zombie, X dead.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// hangpkg-1.0.tar.gz in a find-links folder: an sdist pip must ask for its metadata, through
    /// an in-tree backend with no build requirements (so nothing is fetched) that records itself in
    /// pids/ and then fails (for <paramref name="failFor"/>) or sleeps.
    /// </summary>
    private string WriteHangingSdist(string? failFor)
    {
        Directory.CreateDirectory(Pids);
        var links = _dir.Combine("links");
        Directory.CreateDirectory(links);
        var backend = $$"""
            import os
            import sys
            import time

            PIDS = {{Quote(Pids)}}
            FAIL = {{Quote(failFor ?? string.Empty)}}


            def _hold():
                version = "%d.%d" % sys.version_info[:2]
                open(os.path.join(PIDS, "%s-%d-%d" % (version, os.getpid(), os.getppid())), "w").close()
                if version == FAIL:
                    raise RuntimeError("hangpkg refuses to build for Python " + version)
                time.sleep(600)


            def get_requires_for_build_wheel(config_settings=None):
                _hold()
                return []


            def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
                _hold()


            def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
                _hold()
            """;
        var files = new Dictionary<string, string>
        {
            ["pyproject.toml"] = "[build-system]\nrequires = []\nbuild-backend = \"backend\"\nbackend-path = [\".\"]\n\n[project]\nname = \"hangpkg\"\nversion = \"1.0\"\n",
            ["backend.py"] = backend,
            ["PKG-INFO"] = "Metadata-Version: 2.1\nName: hangpkg\nVersion: 1.0\n",
        };
        using (var file = File.Create(Path.Combine(links, "hangpkg-1.0.tar.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, text) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hangpkg-1.0/" + name)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                });
            }
        }

        return links;
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public void Dispose() => _dir.Dispose();

    private sealed record Holder(string Version, int Pid, int Pip);
}
