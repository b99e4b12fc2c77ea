using Satchel.Runtime.Format;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Bundled;

/// <summary>
/// `satchel build --bundle-python`: a relocatable CPython made from Debian's python3.11 shipped
/// inside real apps, which then run on a machine state with no Python reachable at all.
/// </summary>
public sealed class BundledPythonTests(RelocatablePythonFixture fixture) : IClassFixture<RelocatablePythonFixture>, IDisposable
{
    /// <summary>What the apps print: the facts that show which interpreter ran them and from where.</summary>
    private const string Script = """
        import sys, markupsafe, markupsafe._speedups
        print("executable=" + sys.executable)
        print("base_prefix=" + sys.base_prefix)
        print("version=" + sys.version.split()[0])
        print("speedups=" + markupsafe._speedups.__file__)
        print("args=" + ",".join(sys.argv[1:]))
        """;

    private readonly TempDirectory _dir = new("satchel-bundled-run");

    /// <summary>Builds an app bundling <paramref name="bundle"/>, resolving MarkupSafe with pip from the fixture's find-links.</summary>
    private ProcessResult TryBuild(string name, string bundle, params string[] extra)
    {
        var script = _dir.Write($"src/{name}.py", Script + $"\nprint('app={name}')\n");
        Directory.CreateDirectory(_dir.Combine("out"));
        return SatchelCli.Run(["build", "--bundle-python", bundle, "markupsafe", "--no-index", "-f", fixture.Wheels,
            "--script", script, "--compression-level", "1", "-q", "-o", _dir.Combine("out", name), .. extra]);
    }

    private string Build(string name, string bundle, params string[] extra)
    {
        var result = TryBuild(name, bundle, extra);
        Assert.True(result.ExitCode == 0, result.ToString());
        return _dir.Combine("out", name);
    }

    /// <summary>`env -i` with a fresh HOME (so the cache is ~/.cache/satchel under it) and a PATH of one empty directory.</summary>
    private ProcessResult RunBare(string app, string home, params (string Key, string Value)[] extra)
    {
        Directory.CreateDirectory(home);
        var emptyBin = _dir.Combine("empty-bin");
        Directory.CreateDirectory(emptyBin);
        var env = new Dictionary<string, string?> { ["HOME"] = home, ["PATH"] = emptyBin };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return ProcessRunner.Run(app, ["one", "two"], env, workingDirectory: home, clearEnvironment: true);
    }

    private static Dictionary<string, string> Facts(ProcessResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    private static BundledInterpreter BundledOf(string app, out UnitDescriptor unit)
    {
        using var file = AppFile.Open(app);
        var bundled = file.Header.Launch.Python!.Bundled!;
        unit = file.Header.Units[bundled.Unit];
        return bundled;
    }

    private static string Realpath(string path) => new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    [Fact]
    public void The_app_runs_with_an_empty_environment_and_its_interpreter_lies_under_the_cache_root()
    {
        var app = Build("bare", fixture.Tree);
        var home = _dir.Combine("home");
        var facts = Facts(RunBare(app, home));

        var units = Path.Combine(home, ".cache", "satchel", "v1", "units");
        Assert.StartsWith(Path.Combine(home, ".cache", "satchel") + "/", facts["executable"]);
        Assert.StartsWith(units + "/", facts["base_prefix"]);
        Assert.Equal("3.11.2", facts["version"][..6]);
        Assert.StartsWith(units + "/", facts["speedups"]);
        Assert.Equal("one,two", facts["args"]);
        Assert.Equal("bare", facts["app"]);

        // The launcher learned nothing about interpreters: the header told it everything.
        var interpreters = Path.Combine(home, ".cache", "satchel", "v1", "interpreters");
        Assert.False(Directory.Exists(interpreters) && Directory.EnumerateFileSystemEntries(interpreters).Any(),
            "the launcher probed or searched for an interpreter although one is bundled");

        // The symlink inside the tree is kept, relative, in the cache unit.
        var bundled = BundledOf(app, out var unit);
        Assert.Equal("bin/python3.11", bundled.Binary);
        Assert.Equal(UnitKind.Interpreter, unit.Kind);
        var link = new FileInfo(Path.Combine(units, unit.KeyHex, "files", "bin", "python3"));
        Assert.Equal("python3.11", link.LinkTarget);

        // Warm: the same answer again.
        Assert.Equal(facts, Facts(RunBare(app, home)));
    }

    [Fact]
    public void The_header_records_the_interpreter_and_the_requirement_is_that_interpreter()
    {
        var app = Build("header", fixture.Tree);
        var bundled = BundledOf(app, out var unit);
        Assert.Equal("3.11.2", bundled.Version);
        Assert.Equal(string.Empty, bundled.AbiFlags);
        Assert.Equal("x86_64", bundled.Machine);
        Assert.Equal("python 3.11.2", unit.Name);
        Assert.True(unit.InstalledSize > 10_000_000, $"{unit.InstalledSize} bytes");

        using var file = AppFile.Open(app);
        Assert.Equal("==3.11.*;impl=cp;abi=cp311;machine=x86_64", file.Header.Launch.Python!.Requirement);
    }

    [Fact]
    public void Two_apps_bundling_the_same_interpreter_share_one_copy_in_the_cache()
    {
        var first = Build("first", fixture.Tree);
        var second = Build("second", fixture.Tree);
        var home = _dir.Combine("home");
        var a = Facts(RunBare(first, home));
        var b = Facts(RunBare(second, home));

        Assert.Equal("first", a["app"]);
        Assert.Equal("second", b["app"]);
        Assert.Equal(a["base_prefix"], b["base_prefix"]);
        Assert.NotEqual(a["executable"], b["executable"]);
        var interpreterUnits = Directory.GetFiles(Path.Combine(home, ".cache", "satchel", "v1", "units"), ".satchel-complete", SearchOption.AllDirectories)
            .Where(marker => File.ReadAllText(marker).Contains("name=python ", StringComparison.Ordinal))
            .ToList();
        Assert.Single(interpreterUnits);
    }

    [Fact]
    public void The_tar_gz_form_gives_the_same_app_as_the_directory_form()
    {
        var fromDirectory = Build("fromdir", fixture.Tree);
        var fromArchive = Build("fromtar", fixture.Archive);
        var fromDirectoryBundled = BundledOf(fromDirectory, out var directoryUnit);
        var fromArchiveBundled = BundledOf(fromArchive, out var archiveUnit);

        Assert.Equal(fromDirectoryBundled, fromArchiveBundled);
        Assert.Equal(directoryUnit.KeyHex, archiveUnit.KeyHex);

        // Building ran the bundled interpreter (probe, pip) in place and wrote nothing into its tree.
        Assert.Empty(Directory.GetDirectories(fixture.Tree, "__pycache__", SearchOption.AllDirectories));
        var home = _dir.Combine("home");
        var a = Facts(RunBare(fromDirectory, home));
        var b = Facts(RunBare(fromArchive, home));
        Assert.Equal(a["base_prefix"], b["base_prefix"]);
        Assert.Equal(a["version"], b["version"]);
    }

    [Fact]
    public void SATCHEL_PYTHON_still_overrides_the_bundled_interpreter()
    {
        var app = Build("override", fixture.Tree);
        var facts = Facts(RunBare(app, _dir.Combine("home"), ("SATCHEL_PYTHON", RealPythons.Python311)));
        Assert.Equal(Realpath(Path.Combine(RealPythons.Root, "versions", "3.11.7")), facts["base_prefix"]);
        Assert.StartsWith("3.11.7", facts["version"]);
    }

    [Fact]
    public void SATCHEL_PYTHON_of_another_version_is_refused_with_the_bundled_requirement()
    {
        var app = Build("override-bad", fixture.Tree);
        var run = RunBare(app, _dir.Combine("home"), ("SATCHEL_PYTHON", RealPythons.Python312));
        Assert.Equal(69, run.ExitCode);
        Assert.Contains("SATCHEL_PYTHON=", run.StdErr);
        Assert.Contains("abi=cp311", run.StdErr);
    }

    [Fact]
    public void A_tree_without_bin_python3_is_a_clear_build_error()
    {
        var tree = _dir.Combine("nopython");
        Directory.CreateDirectory(Path.Combine(tree, "bin"));
        _dir.Write("nopython/lib/python3.11/os.py", "# not really\n");
        var result = TryBuild("nopython", tree);
        Assert.Equal(65, result.ExitCode);
        Assert.Contains($"--bundle-python {tree} is not a relocatable CPython: it has no bin/python3.X", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(File.Exists(_dir.Combine("out", "nopython")));
    }

    [Fact]
    public void A_binary_that_does_not_run_is_a_clear_build_error()
    {
        var tree = BrokenTree("broken");
        var result = TryBuild("broken", tree);
        Assert.Equal(65, result.ExitCode);
        Assert.Contains("bin/python3.11 does not run on this machine (failed to run (exit status 3)", result.StdErr);
        Assert.Contains("pass --python with a CPython 3.11", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public void A_bundled_binary_that_cannot_run_here_is_resolved_with_a_matching_python_and_recorded_from_its_files()
    {
        var tree = BrokenTree("foreign");
        _dir.Write("foreign/include/python3.11/patchlevel.h", "#define PY_MINOR_VERSION 11\n#define PY_VERSION \"3.11.2\"\n");
        var app = Build("foreign", tree, "--python", RealPythons.Python311);
        var bundled = BundledOf(app, out _);
        Assert.Equal("3.11.2", bundled.Version);
        Assert.Equal(string.Empty, bundled.Machine);

        var mismatch = TryBuild("foreign-bad", tree, "--python", RealPythons.Python312);
        Assert.Equal(64, mismatch.ExitCode);
        Assert.Contains("is cpython 3.12.1, but the bundled Python 3.11.2", mismatch.StdErr);
        Assert.Contains("pass --python with a CPython 3.11", mismatch.StdErr);
    }

    [Fact]
    public void A_python_given_while_the_bundled_interpreter_runs_is_checked_and_left_unused_with_a_warning()
    {
        var script = _dir.Write("src/plain.py", "import sys\nprint(sys.version.split()[0])\n");
        var output = _dir.Combine("out", "plain");
        Directory.CreateDirectory(_dir.Combine("out"));
        var build = SatchelCli.Run(["build", "--bundle-python", fixture.Tree, "--python", RealPythons.Python311, "--script", script,
            "--compression-level", "1", "-q", "-o", output]);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"satchel: warning: --python {RealPythons.Python311} is not used: the bundled Python 3.11.2", build.StdErr);

        // An app with neither sources nor wheels: its venv's .pth adds nothing, and Python says nothing about it.
        var run = RunBare(output, _dir.Combine("home"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3.11.2\n", run.StdOut);
        Assert.Equal(string.Empty, run.StdErr);

        var mismatch = SatchelCli.Run(["build", "--bundle-python", fixture.Tree, "--python", RealPythons.Python312, "--script", script,
            "--compression-level", "1", "-q", "-o", _dir.Combine("out", "plain-bad")]);
        Assert.Equal(64, mismatch.ExitCode);
        Assert.Contains("pip would choose wheels for the wrong Python", mismatch.StdErr);
    }

    /// <summary>A real stdlib beside a bin/python3.11 that is not a working Python (a script that exits 3).</summary>
    private string BrokenTree(string name)
    {
        var tree = _dir.Combine(name);
        RelocatablePythonFixture.CopyTree(Path.Combine(fixture.Tree, "lib"), Path.Combine(tree, "lib"));
        _dir.Write($"{name}/bin/python3.11", "#!/bin/sh\necho 'this is not python' >&2\nexit 3\n", executable: true);
        return tree;
    }

    [Fact]
    public void Inspect_and_info_show_the_bundled_interpreter_and_its_size()
    {
        var app = Build("shown", fixture.Tree);
        var bundled = BundledOf(app, out var unit);

        var inspect = SatchelCli.Run(["inspect", "--json", app]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(inspect.StdOut);
        var shown = json.RootElement.GetProperty("interpreter").GetProperty("bundled");
        Assert.Equal(bundled.Version, shown.GetProperty("version").GetString());
        Assert.Equal(bundled.Binary, shown.GetProperty("binary").GetString());
        Assert.Equal(unit.KeyHex, shown.GetProperty("unit").GetString());
        Assert.Equal(unit.InstalledSize, shown.GetProperty("installed_bytes").GetInt64());
        Assert.Equal(unit.FileCount, shown.GetProperty("files").GetInt32());

        var info = ProcessRunner.Run(app, ["info"], new Dictionary<string, string?> { ["SATCHEL_TOOLS"] = "1", ["SATCHEL_ROOT"] = _dir.Combine("cache") });
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains($"interpreter: bundled CPython {bundled.Version}, {bundled.Binary}, ", info.StdOut);
    }

    public void Dispose() => _dir.Dispose();
}
