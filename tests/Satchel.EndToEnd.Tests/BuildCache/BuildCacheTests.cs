using System.Security.Cryptography;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Xunit;

namespace Satchel.EndToEnd.Tests.BuildCache;

/// <summary>
/// The build cache (docs/cache-layout.md, "The build cache"): a rebuild reuses installed wheels,
/// compressed units and bytecode, re-makes only what changed, and writes the very bytes a cold
/// build (--no-build-cache) writes; entries that are not complete are never used.
/// </summary>
public sealed class BuildCacheTests : IDisposable
{
    private static readonly string Python = RealPythons.Python311;
    private readonly TempDirectory _dir = new("satchel-build-cache");

    /// <summary>The build interpreter of <see cref="Build"/>.</summary>
    private string _python = Python;

    public BuildCacheTests()
    {
        CraftedWheel.Write(Links, "app-core", "1.0", ["helper>=2"]);
        CraftedWheel.Write(Links, "helper", "2.0");
        WriteSource("myapp/__init__.py", "GREETING = 'hello'\n");
        WriteSource("myapp/__main__.py", "import app_core, helper\nfrom myapp import GREETING\nprint(GREETING, app_core.__version__, helper.__version__)\n");
    }

    public void Dispose() => _dir.Dispose();

    private string Links => _dir.Combine("links");

    private string Sources => _dir.Combine("src");

    private string CacheRoot => _dir.Combine("cache");

    private string BuildRoot => Path.Combine(CacheRoot, "v1", "build");

    private void WriteSource(string path, string text)
    {
        var full = Path.Combine(Sources, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private Dictionary<string, string?> Env() => new()
    {
        ["SATCHEL_ROOT"] = CacheRoot, ["SATCHEL_VERBOSE"] = null, ["PYTHONPATH"] = null, ["SOURCE_DATE_EPOCH"] = null,
    };

    /// <summary>Builds into out/NAME (the app's name is always "app": the name is in the header) and returns the path and what --verbose said.</summary>
    private (string Path, string Log) Build(string name, params string[] extra) => BuildFrom(name, ["--no-index", "-f", Links], extra);

    private (string Path, string Log) BuildFrom(string name, string[] sources, params string[] extra)
    {
        var output = _dir.Combine("out", name);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var result = SatchelCli.Run(
            ["build", "--python", _python, .. sources, "app-core", "--sources", Sources, "-m", "myapp", "--name", "app", "-o", output, "--verbose", .. extra],
            Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        return (output, result.StdErr + result.StdOut);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_cached_rebuild_is_byte_identical_to_a_cold_build_and_after_a_sources_edit_only_the_sources_are_made_again()
    {
        var cold = Build("cold", "--no-build-cache");
        Assert.Contains("build cache: off (--no-build-cache)", cold.Log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(BuildRoot), "--no-build-cache stored something");

        var first = Build("first");
        Assert.Equal(Sha256(cold.Path), Sha256(first.Path));
        Assert.Contains("build cache wheels: 0 reused, 2 made", first.Log, StringComparison.Ordinal);

        var second = Build("second");
        Assert.Equal(Sha256(cold.Path), Sha256(second.Path));
        // Two wheels, the app unit, three bytecode units.
        Assert.Contains("build cache wheels: 2 reused, 0 made", second.Log, StringComparison.Ordinal);
        Assert.Contains("build cache units: 6 reused, 0 made", second.Log, StringComparison.Ordinal);
        Assert.Contains("build cache bytecode: 3 reused, 0 made", second.Log, StringComparison.Ordinal);

        WriteSource("myapp/__init__.py", "GREETING = 'edited'\n");
        var editedCold = Build("edited-cold", "--no-build-cache");
        var edited = Build("edited");
        Assert.Equal(Sha256(editedCold.Path), Sha256(edited.Path));
        Assert.NotEqual(Sha256(cold.Path), Sha256(edited.Path));
        Assert.Contains("build cache wheels: 2 reused, 0 made", edited.Log, StringComparison.Ordinal);
        // The sources unit and its bytecode are made again; the wheels' units and bytecode are copied.
        Assert.Contains("build cache units: 4 reused, 2 made", edited.Log, StringComparison.Ordinal);
        Assert.Contains("build cache bytecode: 2 reused, 1 made", edited.Log, StringComparison.Ordinal);

        Assert.Equal("edited 1.0 2.0", Run(edited.Path));
    }

    [Fact]
    public void Entries_without_their_marker_are_made_again_and_never_used()
    {
        var cold = Build("cold", "--no-build-cache");
        Build("first");
        // What a crash before the rename leaves looks like this at worst: the data without the marker.
        foreach (var marker in Directory.EnumerateFiles(BuildRoot, ".satchel-complete", SearchOption.AllDirectories))
        {
            File.Delete(marker);
        }

        foreach (var blocks in Directory.EnumerateFiles(BuildRoot, "blocks", SearchOption.AllDirectories))
        {
            File.WriteAllBytes(blocks, new byte[16]);
        }

        var again = Build("again");
        Assert.Equal(Sha256(cold.Path), Sha256(again.Path));
        Assert.Contains("build cache units: 0 reused, 6 made", again.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_complete_entry_stops_the_build_with_one_line_naming_it()
    {
        Build("first");
        var blocks = Directory.EnumerateFiles(Path.Combine(BuildRoot, "units"), "blocks", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(blocks);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(blocks, bytes);

        AssertStopsAsDamaged($"the build cache entry {Path.GetDirectoryName(blocks)} is damaged (a block does not match its hash)");
    }

    /// <summary>A build from the damaged cache: exit 65, one line saying <paramref name="line"/>, no output, no stack trace.</summary>
    private void AssertStopsAsDamaged(string line)
    {
        var output = _dir.Combine("out", "damaged");
        var result = SatchelCli.Run(["build", "--python", Python, "--no-index", "-f", Links, "app-core", "--sources", Sources, "-m", "myapp", "-o", output, "-q"], Env());
        Assert.Equal(65, result.ExitCode);
        Assert.Contains(line, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_builds_from_an_empty_cache_make_each_entry_once_and_write_the_same_bytes()
    {
        var cold = Build("cold", "--no-build-cache");
        var builds = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => Build($"concurrent-{i}"))));
        foreach (var build in builds)
        {
            Assert.Equal(Sha256(cold.Path), Sha256(build.Path));
        }

        // One entry per key, no work directory left behind.
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(BuildRoot, "wheels")).Length);
        Assert.Empty(Directory.GetDirectories(BuildRoot, "*.work-*", SearchOption.AllDirectories));
    }

    private string Run(string app)
    {
        var run = ProcessRunner.Run(app, [], Env());
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.StdOut.Trim();
    }

    private const string ResolutionReused = "build cache: resolution reused";

    [Fact]
    public void With_no_index_an_unchanged_find_links_folder_skips_pip_and_a_changed_one_is_resolved_again()
    {
        var first = Build("first");
        Assert.DoesNotContain(ResolutionReused, first.Log, StringComparison.Ordinal);
        var second = Build("second");
        Assert.Contains(ResolutionReused, second.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("pip resolved", second.Log, StringComparison.Ordinal);
        Assert.Equal(Sha256(first.Path), Sha256(second.Path));

        // A new version in the folder: its listing changed, so pip runs and finds it.
        CraftedWheel.Write(Links, "helper", "2.1");
        var newer = Build("newer");
        Assert.DoesNotContain(ResolutionReused, newer.Log, StringComparison.Ordinal);
        Assert.Contains("pip resolved", newer.Log, StringComparison.Ordinal);
        Assert.Equal("hello 1.0 2.1", Run(newer.Path));

        // A wheel replaced by another of the same name (same listing but for size and time) is seen too.
        File.Delete(Path.Combine(Links, "helper-2.1-py3-none-any.whl"));
        var back = Build("back");
        Assert.Equal("hello 1.0 2.0", Run(back.Path));
        Assert.Equal(Sha256(first.Path), Sha256(back.Path));

        // A different requirement is another resolution.
        var pinned = BuildFrom("pinned", ["--no-index", "-f", Links], "helper==2.0");
        Assert.DoesNotContain(ResolutionReused, pinned.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_index_pip_always_resolves_and_a_new_version_there_is_picked_up_while_installs_are_reused()
    {
        using var index = new SimpleIndexServer(Links);
        string[] sources = ["-i", index.IndexUrl];
        var first = BuildFrom("first", sources);
        Assert.Equal("hello 1.0 2.0", Run(first.Path));
        var second = BuildFrom("second", sources);
        Assert.Contains("build cache: pip resolves: an index is searched", second.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(ResolutionReused, second.Log, StringComparison.Ordinal);
        Assert.Contains("build cache wheels: 2 reused, 0 made", second.Log, StringComparison.Ordinal);
        Assert.Equal(Sha256(first.Path), Sha256(second.Path));

        CraftedWheel.Write(Links, "helper", "2.1");
        var newer = BuildFrom("newer", sources);
        Assert.Contains("build cache wheels: 1 reused, 1 made", newer.Log, StringComparison.Ordinal);
        Assert.Equal("hello 1.0 2.1", Run(newer.Path));
        Assert.Contains("/files/helper-2.1-py3-none-any.whl", index.Requests);
    }

    private ProcessResult Cache(params string[] args)
    {
        var result = SatchelCli.Run(["cache", .. args], Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public void Cache_info_and_list_show_the_build_cache_and_prune_and_purge_remove_it_but_what_a_build_holds()
    {
        Build("first");
        // 2 installed wheels, 6 compressed units, 3 bytecode entries, 1 resolution.
        using (var info = System.Text.Json.JsonDocument.Parse(Cache("info", "--json").StdOut))
        {
            Assert.Equal(12, info.RootElement.GetProperty("build").GetProperty("count").GetInt32());
        }

        var list = Cache("list").StdOut;
        Assert.Contains("installed wheel helper-2.0-py3-none-any.whl", list, StringComparison.Ordinal);
        Assert.Contains("compressed wheel unit app-core 1.0", list, StringComparison.Ordinal);
        Assert.Contains("bytecode of helper 2.0", list, StringComparison.Ordinal);
        Assert.Contains("resolution: app-core 1.0, helper 2.0", list, StringComparison.Ordinal);

        // Used a moment ago: a prune of what is older than a day keeps it all.
        Assert.Contains("removed 0 entries", Cache("prune", "--older-than", "1d").StdOut, StringComparison.Ordinal);

        // A build in progress holds its entries shared: purge passes over them. Kept probes are not entries: purge removes them.
        Assert.Single(Directory.GetFiles(Path.Combine(BuildRoot, "probes"), "*.json"));
        var wheelEntry = Directory.GetDirectories(Path.Combine(BuildRoot, "wheels")).First();
        using (Satchel.Runtime.Cache.FileLock.Acquire(wheelEntry + ".lock", exclusive: false, TimeSpan.FromSeconds(5)))
        {
            var purged = Cache("purge").StdOut;
            Assert.Contains("removed 11 entries", purged, StringComparison.Ordinal);
            Assert.Contains("kept build", purged, StringComparison.Ordinal);
            Assert.True(Directory.Exists(wheelEntry));
            Assert.Empty(Directory.GetFiles(Path.Combine(BuildRoot, "probes")));
        }

        Assert.Contains("removed 1 entry", Cache("prune", "--older-than", "0s").StdOut, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(BuildRoot, "wheels")));
        var again = Build("again");
        Assert.Contains("build cache wheels: 0 reused, 2 made", again.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Kept_wheel_trees_are_read_from_their_listing_and_without_one_walked_and_both_give_the_cold_bytes()
    {
        var cold = Build("cold", "--no-build-cache");
        Build("first");
        var listings = Directory.GetFiles(Path.Combine(BuildRoot, "wheels"), "tree.json", SearchOption.AllDirectories);
        Assert.Equal(2, listings.Length);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(BuildRoot, "bytecode"), "tree.json", SearchOption.AllDirectories));

        // Without the compressed units, the kept wheels' files are read by their listing and compressed again.
        Directory.Delete(Path.Combine(BuildRoot, "units"), recursive: true);
        var fromListings = Build("from-listings");
        Assert.Equal(Sha256(cold.Path), Sha256(fromListings.Path));
        Assert.Contains("build cache units: 0 reused, 6 made", fromListings.Log, StringComparison.Ordinal);

        // An entry kept by a satchel that wrote no listing is walked as before.
        foreach (var listing in Directory.GetFiles(BuildRoot, "tree.json", SearchOption.AllDirectories))
        {
            File.Delete(listing);
        }

        Directory.Delete(Path.Combine(BuildRoot, "units"), recursive: true);
        var walked = Build("walked");
        Assert.Equal(Sha256(cold.Path), Sha256(walked.Path));
        Assert.Equal("hello 1.0 2.0", Run(walked.Path));
    }

    [Fact]
    public void A_damaged_listing_stops_the_build_with_one_line_naming_its_entry()
    {
        Build("first");
        var listing = Directory.GetFiles(Path.Combine(BuildRoot, "wheels"), "tree.json", SearchOption.AllDirectories)[0];
        File.WriteAllText(listing, "[{");
        AssertStopsAsDamaged($"the build cache entry {Path.GetDirectoryName(listing)} is damaged");
    }

    private const string ProbeKept = "(kept from an earlier build: binary and pip unchanged)";

    [Fact]
    public void The_interpreter_probe_is_kept_between_builds_and_made_again_when_pip_or_the_binary_changes()
    {
        // A venv of our own (with pip), so its pip can be changed without touching the shared interpreters.
        var venv = _dir.Combine("venv");
        var made = ProcessRunner.Run(Python, ["-m", "venv", venv], timeout: TimeSpan.FromMinutes(5));
        Assert.True(made.ExitCode == 0, made.ToString());
        var python = Path.Combine(venv, "bin", "python");
        _python = python;
        // Made a moment ago: a probe is kept only once what it stamps is older than a clock tick or two.
        var pipInit = Directory.GetFiles(Path.Combine(venv, "lib"), "__init__.py", SearchOption.AllDirectories).Single(f => f.EndsWith("/site-packages/pip/__init__.py", StringComparison.Ordinal));
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(pipInit, anHourAgo);
        Directory.SetLastWriteTimeUtc(Path.GetDirectoryName(pipInit)!, anHourAgo);
        Directory.SetLastWriteTimeUtc(Path.GetDirectoryName(Path.GetDirectoryName(pipInit))!, anHourAgo);

        var cold = Build("cold", "--no-build-cache");
        Assert.DoesNotContain(ProbeKept, cold.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(ProbeKept, Build("first").Log, StringComparison.Ordinal);
        var kept = Build("kept");
        Assert.Contains(ProbeKept, kept.Log, StringComparison.Ordinal);
        Assert.Equal(Sha256(cold.Path), Sha256(kept.Path));

        // pip upgraded in place: its __init__.py (which holds the version) is rewritten.
        File.SetLastWriteTimeUtc(pipInit, anHourAgo.AddMinutes(-1));
        Assert.DoesNotContain(ProbeKept, Build("pip-changed").Log, StringComparison.Ordinal);
        Assert.Contains(ProbeKept, Build("pip-kept").Log, StringComparison.Ordinal);

        // The venv's python leads to another binary: another interpreter, probed again.
        var other = _dir.Combine("other-bin");
        Directory.CreateDirectory(other);
        File.Copy(new FileInfo(python).ResolveLinkTarget(returnFinalTarget: true)!.FullName, Path.Combine(other, "python3.11"));
        File.Delete(python);
        File.CreateSymbolicLink(python, Path.Combine(other, "python3.11"));
        Assert.DoesNotContain(ProbeKept, Build("binary-changed").Log, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsafe_cache_root_turns_the_build_cache_off_and_the_build_goes_on_cold()
    {
        var cold = Build("cold", "--no-build-cache");
        Directory.CreateDirectory(CacheRoot);
        File.SetUnixFileMode(CacheRoot, (UnixFileMode)0b111_111_000); // 0770: writable by the group
        var built = Build("unsafe-root");
        Assert.Contains("build cache: off, ", built.Log, StringComparison.Ordinal);
        Assert.Contains(CacheRoot, built.Log, StringComparison.Ordinal);
        Assert.Equal(Sha256(cold.Path), Sha256(built.Path));
        Assert.False(Directory.Exists(BuildRoot));
    }
}
