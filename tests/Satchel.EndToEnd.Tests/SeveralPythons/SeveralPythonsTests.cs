using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.Chroot;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.SeveralPythons;

/// <summary>
/// One file for several Pythons (docs/interpreters.md, "Several interpreters"): an app whose
/// dependency is a real C extension, compiled here for 3.9, 3.11 and 3.13 with each interpreter's
/// own headers, plus pure wheels, built with three --python. Each interpreter the launcher is
/// given loads the extension compiled for it; the same file runs on Debian 11's own python3.9.
/// </summary>
public sealed class SeveralPythonsTests(SeveralPythonsTests.Apps apps) : IClassFixture<SeveralPythonsTests.Apps>
{
    public static TheoryData<string> Versions => new() { "3.9.18", "3.11.7", "3.13.0" };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Each_interpreter_runs_the_app_with_the_extension_compiled_for_it(string version)
    {
        using var root = new TempDirectory("satchel-several-root");
        var python = RealPythons.Binary(version);
        var majorMinor = string.Join('.', version.Split('.').Take(2));
        var env = AppEnvironment.For(root.Path, python);

        var first = ProcessRunner.Run(apps.App, ["hello"], env);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"hello from {majorMinor} at {python}: multiext {majorMinor} {majorMinor}! via multipure\n", first.StdOut);

        var warm = ProcessRunner.Run(apps.App, ["again"], env);
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Equal($"again from {majorMinor} at {python}: multiext {majorMinor} {majorMinor}! via multipure\n", warm.StdOut);

        // Only this interpreter's set was extracted: the app's unit, multipure, and the one multiext of its ABI.
        using (var file = AppFile.Open(apps.App))
        {
            var units = Directory.GetDirectories(Path.Combine(root.Path, "v1", "units")).Select(Path.GetFileName).ToHashSet();
            var extensions = file.Header.Units.Where(u => u.Name == "multiext 1.0").Count(u => units.Contains(u.KeyHex));
            Assert.Equal(1, extensions);
            Assert.Equal(4, file.Header.Units.Count(u => units.Contains(u.KeyHex))); // app, multiapp, multiext, multipure
        }

        // The bytecode this interpreter compiled at build time is installed beside the pure wheel's sources.
        var tag = "cpython-" + majorMinor.Replace(".", string.Empty, StringComparison.Ordinal);
        var compiled = Directory.GetFiles(Path.Combine(root.Path, "v1", "units"), $"__init__.{tag}.pyc", SearchOption.AllDirectories);
        Assert.Contains(compiled, f => f.EndsWith($"/site-packages/multipure/__pycache__/__init__.{tag}.pyc", StringComparison.Ordinal));
    }

    [Fact]
    public void Warm_prepares_the_chosen_set_and_a_verified_start_finds_nothing_to_repair()
    {
        using var root = new TempDirectory("satchel-several-root");
        var warm = ProcessRunner.Run(apps.App, ["warm"], AppEnvironment.For(root.Path, RealPythons.Python313, ("SATCHEL_TOOLS", "1")));
        Assert.True(warm.ExitCode == 0, warm.ToString());

        var verified = ProcessRunner.Run(apps.App, ["checked"], AppEnvironment.For(root.Path, RealPythons.Python313, ("SATCHEL_VERIFY", "1")));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Equal($"checked from 3.13 at {RealPythons.Python313}: multiext 3.13 3.13! via multipure\n", verified.StdOut);
        Assert.DoesNotContain("repaired", verified.StdErr, StringComparison.Ordinal);

        // Another interpreter of the app on the same cache gets its own set next to it.
        var other = ProcessRunner.Run(apps.App, ["other"], AppEnvironment.For(root.Path, RealPythons.Python39));
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.Equal($"other from 3.9 at {RealPythons.Python39}: multiext 3.9 3.9! via multipure\n", other.StdOut);
    }

    [Fact]
    public void The_app_holds_each_pure_wheel_once_and_the_extension_once_per_version()
    {
        using var app = AppFile.Open(apps.App);
        var header = app.Header;
        var wheels = header.Units.Where(u => u.Kind == Satchel.Runtime.Format.UnitKind.Wheel).Select(u => u.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["multiapp 1.0", "multiext 1.0", "multiext 1.0", "multiext 1.0", "multipure 1.0"], wheels);
        var python = header.Launch.Python!;
        Assert.Equal(["==3.9.*", "==3.11.*", "==3.13.*"], python.Requirements());
        // Bytecode for each interpreter's set: the app's unit and the pure wheels three times, each extension wheel once (no .py).
        Assert.Equal(["cpython-311", "cpython-313", "cpython-39"], header.Bytecode.Select(b => b.CacheTag).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(3, header.Bytecode.Count(b => header.Units[b.Target].Name == "multipure 1.0"));
    }

    [Fact]
    public void Without_the_build_cache_the_app_is_the_same_bytes()
    {
        using var dir = new TempDirectory("satchel-several-cold");
        var cold = dir.Combine("multi");
        var result = SatchelCli.Run(["build", "--python", RealPythons.Python39, "--python", RealPythons.Python311, "--python", RealPythons.Python313,
            "--no-index", "-f", apps.Wheels, "multiapp", "-m", "multiapp", "-o", cold, "--quiet", "--no-build-cache"], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllBytes(apps.App), File.ReadAllBytes(cold));
    }

    [Fact]
    public void Resolving_one_interpreter_after_the_other_gives_the_same_bytes_with_a_stage_each()
    {
        // SATCHEL_RESOLVE_JOBS=1: the sequential build, which the concurrent one must equal byte for byte.
        using var dir = new TempDirectory("satchel-several-sequential");
        var (result, output) = BuildWithJobs(dir, "1");
        var stages = result.StdErr.Split('\n').Where(l => l.StartsWith("satchel: resolving", StringComparison.Ordinal)).Select(l => l.Split(':')[1]).ToList();
        Assert.Equal([" resolving with pip with Python 3.9.18", " resolving with pip with Python 3.11.7", " resolving with pip with Python 3.13.0"], stages);
        Assert.Equal(File.ReadAllBytes(apps.App), File.ReadAllBytes(output));
    }

    [Fact]
    public void Resolving_all_at_once_shows_one_stage_that_counts_for_all_and_gives_the_same_bytes()
    {
        using var dir = new TempDirectory("satchel-several-parallel");
        var (result, output) = BuildWithJobs(dir, "3");
        // Redirected, stages are whole lines (one per stage, as it ends): three pips' progress is one line, not three interleaved.
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeWhile(l => !l.StartsWith('╭')).ToList(); // the summary table follows
        Assert.All(lines, l => Assert.StartsWith("satchel: ", l, StringComparison.Ordinal));
        var stage = Assert.Single(lines, l => l.StartsWith("satchel: resolving", StringComparison.Ordinal));
        // multiapp, multiext and multipure, for each of the three.
        Assert.StartsWith("satchel: resolving with pip with Python 3.9.18, 3.11.7, 3.13.0: 9 distributions found, ", stage, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(apps.App), File.ReadAllBytes(output));
    }

    /// <summary>The fixture's app built again without the build cache, SATCHEL_RESOLVE_JOBS=<paramref name="jobs"/>, its stages on stderr.</summary>
    private (ProcessResult Result, string Output) BuildWithJobs(TempDirectory dir, string jobs)
    {
        var output = dir.Combine("multi");
        var result = SatchelCli.Run(["build", "--python", RealPythons.Python39, "--python", RealPythons.Python311, "--python", RealPythons.Python313,
            "--no-index", "-f", apps.Wheels, "multiapp", "-m", "multiapp", "-o", output, "--no-build-cache"],
            AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311, ("SATCHEL_RESOLVE_JOBS", jobs)));
        Assert.True(result.ExitCode == 0, result.ToString());
        return (result, output);
    }

    [Fact]
    public void Inspect_shows_each_interpreter_set_with_its_distributions()
    {
        var inspect = SatchelCli.Run(["inspect", apps.App, "--json"]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(inspect.StdOut);
        var interpreter = json.RootElement.GetProperty("interpreter");
        Assert.Equal("==3.9.* || ==3.11.* || ==3.13.*", interpreter.GetProperty("requirement").GetString());
        var sets = interpreter.GetProperty("sets").EnumerateArray().ToList();
        Assert.Equal(["==3.9.*", "==3.11.*", "==3.13.*"], sets.Select(s => s.GetProperty("requirement").GetString()));
        foreach (var set in sets)
        {
            Assert.Equal(["multiapp 1.0", "multiext 1.0", "multipure 1.0"], set.GetProperty("distributions").EnumerateArray().Select(d => d.GetString()));
        }

        // Each set's multiext is its own unit; multipure is one unit in all three.
        var units = sets.Select(s => s.GetProperty("sys_path").EnumerateArray().Select(p => p.GetProperty("unit").GetString()).ToList()).ToList();
        Assert.Equal(3, units.Select(u => u[1]).Distinct().Count());
        Assert.Single(units.Select(u => u[2]).Distinct());

        using var root = new TempDirectory("satchel-several-root");
        var info = ProcessRunner.Run(apps.App, ["info"], AppEnvironment.For(root.Path, RealPythons.Python311, ("SATCHEL_TOOLS", "1")));
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("interpreter: ==3.9.* or ==3.11.* or ==3.13.*\n", info.StdOut, StringComparison.Ordinal);
        Assert.Contains("  python:    ==3.11.*: multiapp 1.0, multiext 1.0, multipure 1.0\n", info.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interpreter_the_app_was_not_built_for_is_refused_with_the_versions_it_supports()
    {
        using var root = new TempDirectory("satchel-several-root");
        var run = ProcessRunner.Run(apps.App, ["x"], AppEnvironment.For(root.Path, RealPythons.Python310));
        Assert.True(run.ExitCode == 69, run.ToString());
        var line = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"SATCHEL_PYTHON={RealPythons.Python310} cannot run this app, which needs ==3.9.* or ==3.11.* or ==3.13.*", line, StringComparison.Ordinal);
        Assert.Contains("3.10.13 does not satisfy ==3.9.*", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interpreter_the_constraint_excludes_is_refused_before_any_resolution()
    {
        // Each set's requirement is its ==X.Y.* and the constraint: 3.9's set could never run.
        using var dir = new TempDirectory("satchel-several-bad");
        var output = dir.Combine("app");
        var result = SatchelCli.Run(["build", "--python", RealPythons.Python39, "--python", RealPythons.Python313, "--interpreter-constraint", ">=3.12",
            "--no-index", "-f", apps.Wheels, "multiapp", "-m", "multiapp", "-o", output], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));
        Assert.True(result.ExitCode == 64, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"satchel: --python {RealPythons.Python39} is Python 3.9.18, which --interpreter-constraint '>=3.12' excludes: its part of the app could never run; leave out that --python or widen the constraint", line);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_interpreters_of_one_version_are_refused_before_any_resolution_naming_both_as_given(bool firstByVersion)
    {
        using var dir = new TempDirectory("satchel-several-bad");
        var output = dir.Combine("app");
        var first = firstByVersion ? "3.11" : RealPythons.Python311;
        var result = SatchelCli.Run(["build", "--python", first, "--python", RealPythons.Python39, "--python", RealPythons.Python311,
            "--no-index", "-f", apps.Wheels, "multiapp", "-m", "multiapp", "-o", output], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));
        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"satchel: --python {RealPythons.Python311} is Python 3.11, like --python {first} (python 3.11.", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("resolving", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void One_interpreter_that_cannot_resolve_fails_the_build_naming_it_and_nothing_is_written()
    {
        using var dir = new TempDirectory("satchel-several-bad");
        // The extension only for 3.11: Python 3.9 finds no multiext it can install.
        var wheels = dir.Combine("wheels");
        Directory.CreateDirectory(wheels);
        foreach (var wheel in Directory.GetFiles(apps.Wheels).Where(w => !Path.GetFileName(w).StartsWith("multiext-", StringComparison.Ordinal) || w.Contains("cp311", StringComparison.Ordinal)))
        {
            File.Copy(wheel, Path.Combine(wheels, Path.GetFileName(wheel)));
        }

        var output = dir.Combine("app");
        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--python", RealPythons.Python39,
            "--no-index", "-f", wheels, "multiapp", "-m", "multiapp", "-o", output, "--no-build-cache"], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));
        Assert.True(result.ExitCode is not 0 and not 70, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("satchel: for --python", StringComparison.Ordinal));
        Assert.StartsWith($"satchel: for --python {RealPythons.Python39} (Python 3.9.18): ", line, StringComparison.Ordinal);
        Assert.Contains("multiext", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        // Only pip's log is kept beside the output (docs/resolution.md): no app, no staging directory.
        Assert.Equal(["app.pip.log"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Where(e => e!.StartsWith("app", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_console_script_only_one_interpreters_resolution_provides_fails_the_build_naming_the_other()
    {
        using var dir = new TempDirectory("satchel-several-bad");
        var wheels = dir.Combine("wheels");
        new WheelBuilder("tool", "2.0") { RequiresPython = ">=3.11" }.AddFile("tool_new.py", "def main():\n    print('new')\n")
            .AddEntryPoint("console_scripts", "tool-new", "tool_new:main").Build(wheels);
        new WheelBuilder("tool", "1.0").AddFile("tool_old.py", "def main():\n    print('old')\n")
            .AddEntryPoint("console_scripts", "tool-old", "tool_old:main").Build(wheels);
        var output = dir.Combine("app");
        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--python", RealPythons.Python39,
            "--no-index", "-f", wheels, "tool", "-c", "tool-new", "-o", output], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));
        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"satchel: for --python {RealPythons.Python39} (Python 3.9.18): ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("tool-new", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_source_file_one_interpreter_cannot_compile_is_named_in_a_warning_on_every_build()
    {
        using var dir = new TempDirectory("satchel-several-syntax");
        // `match` is Python 3.10 syntax: 3.11 compiles the module, 3.9 cannot. The entry never imports it.
        dir.Write("src/syntaxapp/__init__.py", "");
        dir.Write("src/syntaxapp/__main__.py", "import sys\nprint('ok', sys.version_info[:2])\n");
        var modern = dir.Write("src/syntaxapp/modern.py", "def kind(x):\n    match x:\n        case 1:\n            return 'one'\n");
        var env = AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311);

        foreach (var round in (string[])["filling the build cache", "from the build cache"])
        {
            var output = dir.Combine("app");
            var built = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--python", RealPythons.Python39, "--no-index",
                "--sources", dir.Combine("src"), "-m", "syntaxapp", "-o", output], env);
            Assert.True(built.ExitCode == 0, $"{round}: {built}");
            var warning = Assert.Single(built.StdErr.Split('\n'), l => l.StartsWith("satchel: warning: ", StringComparison.Ordinal));
            Assert.StartsWith($"satchel: warning: 1 of the app's files does not compile under python 3.9.18 ({RealPythons.Python39}): {modern} (line 2: SyntaxError: ", warning, StringComparison.Ordinal);
            Assert.EndsWith("; importing it there fails: fix it or drop that --python", warning, StringComparison.Ordinal);

            // A warning, not an error: the app is built and runs under the interpreter that compiled everything.
            var run = ProcessRunner.Run(output, [], AppEnvironment.For(dir.Combine("run-cache"), RealPythons.Python311));
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("ok (3, 11)\n", run.StdOut);
        }
    }

    [Fact]
    public void An_entry_function_whose_module_one_interpreter_cannot_compile_fails_the_build_naming_that_interpreter()
    {
        using var dir = new TempDirectory("satchel-several-entry");
        dir.Write("src/entryapp/__init__.py", "");
        var cli = dir.Write("src/entryapp/cli.py", "def main():\n    match 1:\n        case 1:\n            print('one')\n");
        var output = dir.Combine("app");

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--python", RealPythons.Python39, "--no-index",
            "--sources", dir.Combine("src"), "-m", "entryapp.cli:main", "-o", output], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));

        Assert.True(result.ExitCode == 64, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("satchel: for --python", StringComparison.Ordinal));
        Assert.StartsWith($"satchel: for --python {RealPythons.Python39} (Python 3.9.18): -m entryapp.cli:main: {cli} does not compile: ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Versions_as_python_build_without_a_usable_cache_root_as_paths_do()
    {
        using var dir = new TempDirectory("satchel-several-noroot");
        dir.Write("src/verapp/__init__.py", "");
        dir.Write("src/verapp/__main__.py", "import sys\nprint(sys.version_info[:2])\n");
        // A relative SATCHEL_ROOT is refused as a cache root: the build cache is off, and the version
        // search keeps no interpreter facts, but finds both interpreters through pyenv's versions.
        var env = AppEnvironment.For(dir.Combine("unused"), RealPythons.Python311, ("SATCHEL_ROOT", "relative/root"), ("PATH", "/usr/bin:/bin"));
        var output = dir.Combine("app");

        var built = SatchelCli.Run(["build", "--python", "3.9", "--python", "3.11", "--no-index", "--sources", dir.Combine("src"), "-m", "verapp", "-o", output], env, workingDirectory: dir.Path);

        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.False(Directory.Exists(dir.Combine("relative")));
        var run = ProcessRunner.Run(output, [], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python39));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("(3, 9)\n", run.StdOut);
    }

    [Fact]
    public void Several_interpreters_and_a_bundled_one_are_refused()
    {
        using var dir = new TempDirectory("satchel-several-bad");
        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--python", RealPythons.Python39, "--bundle-python", dir.Path,
            "multiapp", "-m", "multiapp", "-o", dir.Combine("app")], AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311));
        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("--bundle-python ships one interpreter, but --python was given 2 times", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_for_several_interpreters_marks_what_differs_and_build_lock_gives_each_its_own_resolution()
    {
        using var dir = new TempDirectory("satchel-several-lock");
        // newdep only for 3.11 and later: the 3.9 resolution lacks it, the 3.13 one has it.
        var wheels = dir.Combine("wheels");
        Directory.CreateDirectory(wheels);
        foreach (var wheel in Directory.GetFiles(apps.Wheels))
        {
            File.Copy(wheel, Path.Combine(wheels, Path.GetFileName(wheel)));
        }

        new WheelBuilder("newdep", "2.0") { RequiresPython = ">=3.11" }.AddFile("newdep.py", "WHO = 'newdep 2.0'\n").Build(wheels);
        new WheelBuilder("lockapp", "1.0")
            .AddFile("lockapp/__init__.py", "")
            .AddFile("lockapp/__main__.py", """
                import sys
                import multiext
                try:
                    import newdep
                    extra = newdep.WHO
                except ImportError:
                    extra = "no newdep"
                print(f"{sys.version_info[0]}.{sys.version_info[1]}: multiext {multiext.BUILT_FOR}, {extra}")
                """)
            .AddDistInfoFile("METADATA", "Metadata-Version: 2.1\nName: lockapp\nVersion: 1.0\nRequires-Dist: multiext\nRequires-Dist: newdep; python_version >= \"3.11\"\n")
            .Build(wheels);
        var env = AppEnvironment.For(dir.Combine("cache"), RealPythons.Python311);
        var lockFile = dir.Combine("pylock.toml");
        var locked = SatchelCli.Run(["lock", "--python", RealPythons.Python39, "--python", RealPythons.Python313, "--no-index", "-f", wheels, "lockapp", "-o", lockFile], env);
        Assert.True(locked.ExitCode == 0, locked.ToString());
        // Both resolved at once (2 cores or more), in one stage: lockapp and multiext for 3.9, with newdep for 3.13.
        if (Environment.ProcessorCount > 1)
        {
            Assert.Contains("satchel: resolving with pip with Python 3.9.18, 3.13.0: 5 distributions found, ", locked.StdErr, StringComparison.Ordinal);
        }


        var text = File.ReadAllText(lockFile);
        Assert.Contains("requires-python = \">=3.9,<3.14,!=3.10.*,!=3.11.*,!=3.12.*\"\n", text, StringComparison.Ordinal);
        Assert.Contains("name = \"newdep\"\nversion = \"2.0\"\nmarker = \"python_version == \\\"3.13\\\"\"\n", text, StringComparison.Ordinal);
        Assert.Contains("name = \"lockapp\"\nversion = \"1.0\"\n[[packages.wheels]]", text.Replace("\n\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("name = \"multiext-1.0-cp39-cp39-linux_x86_64.whl\"", text, StringComparison.Ordinal);
        Assert.Contains("name = \"multiext-1.0-cp313-cp313-linux_x86_64.whl\"", text, StringComparison.Ordinal);
        Assert.Contains("marker = \"python_version == \\\"3.9\\\"\"", text, StringComparison.Ordinal);

        var app = dir.Combine("lockapp-bin");
        var built = SatchelCli.Run(["build", "--python", RealPythons.Python39, "--python", RealPythons.Python313, "--lock", lockFile, "-m", "lockapp", "-o", app], env);
        Assert.True(built.ExitCode == 0, built.ToString());
        // The lock is read once, and its wheels fetched in one stage for both: each stage line once (2 wheels for 3.9, 3 for 3.13).
        var stages = built.StdErr.Split('\n').Where(l => l.StartsWith("satchel: ", StringComparison.Ordinal)).Select(l => l.Split(':')[1].Trim()).ToList();
        Assert.Single(stages, s => s.StartsWith("reading ", StringComparison.Ordinal));
        Assert.Single(stages, s => s == "fetching locked wheels");
        Assert.Contains("satchel: fetching locked wheels: 5 wheels, ", built.StdErr, StringComparison.Ordinal);
        var inspect = SatchelCli.Run(["inspect", app, "--json"]);
        using var json = System.Text.Json.JsonDocument.Parse(inspect.StdOut);
        var sets = json.RootElement.GetProperty("interpreter").GetProperty("sets").EnumerateArray()
            .Select(s => string.Join(", ", s.GetProperty("distributions").EnumerateArray().Select(d => d.GetString()))).ToList();
        Assert.Equal(["lockapp 1.0, multiext 1.0", "lockapp 1.0, multiext 1.0, newdep 2.0"], sets);

        var run39 = ProcessRunner.Run(app, [], AppEnvironment.For(dir.Combine("root"), RealPythons.Python39));
        Assert.True(run39.ExitCode == 0, run39.ToString());
        Assert.Equal("3.9: multiext 3.9, no newdep\n", run39.StdOut);
        var run313 = ProcessRunner.Run(app, [], AppEnvironment.For(dir.Combine("root"), RealPythons.Python313));
        Assert.True(run313.ExitCode == 0, run313.ToString());
        Assert.Equal("3.13: multiext 3.13, newdep 2.0\n", run313.StdOut);

        // An interpreter the lock was not made for stops at once.
        var other = SatchelCli.Run(["build", "--python", RealPythons.Python39, "--python", RealPythons.Python311, "--lock", lockFile, "-m", "lockapp", "-o", dir.Combine("other")], env);
        Assert.True(other.ExitCode == 64, other.ToString());
        Assert.Contains($"satchel: for --python {RealPythons.Python311} (Python 3.11.7): ", other.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("other")));
    }

    [DebianRootFact]
    public void The_same_file_runs_on_debian_11s_own_python_3_9()
    {
        using var chroot = new DebianChroot();
        var app = chroot.Install(apps.App, "/opt/multi");

        var first = chroot.Run([app, "debian"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("debian from 3.9 at /usr/bin/python3.9: multiext 3.9 3.9! via multipure\n", first.StdOut);

        var warm = chroot.Run([app, "warm"]);
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Equal("warm from 3.9 at /usr/bin/python3.9: multiext 3.9 3.9! via multipure\n", warm.StdOut);
    }

    /// <summary>The wheels (the extension compiled for each version) and the app, built once.</summary>
    public sealed class Apps : IDisposable
    {
        private readonly TempDirectory _dir = new("satchel-several-pythons");

        public Apps()
        {
            Wheels = _dir.Combine("wheels");
            foreach (var version in new[] { "3.9.18", "3.11.7", "3.13.0" })
            {
                ExtensionWheel.Build(RealPythons.Binary(version), "multiext", "1.0", Wheels, _dir.Combine("ext-" + version));
            }

            new WheelBuilder("multipure", "1.0").AddFile("multipure/__init__.py", "NAME = 'multipure'\n").Build(Wheels);
            new WheelBuilder("multiapp", "1.0")
                .AddFile("multiapp/__init__.py", "")
                .AddFile("multiapp/__main__.py", """
                    import os
                    import sys
                    import multiext
                    import multipure
                    python = os.path.realpath(sys.executable)  # sys.executable is the app's venv
                    print(f"{sys.argv[1]} from {sys.version_info[0]}.{sys.version_info[1]} at {python}: multiext {multiext.BUILT_FOR} {multiext.answer()} via {multipure.NAME}")
                    """)
                .AddDistInfoFile("METADATA", "Metadata-Version: 2.1\nName: multiapp\nVersion: 1.0\nRequires-Dist: multiext\nRequires-Dist: multipure\n")
                .Build(Wheels);
            App = _dir.Combine("multi");
            var result = SatchelCli.Run(["build", "--python", RealPythons.Python39, "--python", RealPythons.Python311, "--python", RealPythons.Python313,
                "--no-index", "-f", Wheels, "multiapp", "-m", "multiapp", "-o", App, "--quiet"], AppEnvironment.For(_dir.Combine("cache"), RealPythons.Python311));
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        public string Wheels { get; }

        public string App { get; }

        public void Dispose() => _dir.Dispose();
    }
}
