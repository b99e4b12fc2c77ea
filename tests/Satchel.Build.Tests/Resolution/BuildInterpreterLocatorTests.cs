using Satchel.Build.Resolution;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class BuildInterpreterLocatorTests
{
    [Fact]
    public void Real_pyenv_shims_resolve_to_the_binary_of_the_selected_version()
    {
        var root = TestPythons.PyenvRoot;
        var version = Path.GetFileName(TestPythons.VersionDirectory("3.12"));
        var host = Host(new()
        {
            ["PATH"] = $"{root}/shims:{root}/bin:/usr/bin:/bin",
            ["PYENV_ROOT"] = root,
            ["PYENV_VERSION"] = version,
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/",
        });

        var interpreter = BuildInterpreterLocator.Locate(null, host);

        Assert.Equal(Path.Combine(root, "versions", version, "bin", "python3"), interpreter.Path);
        Assert.Equal(version, interpreter.VersionText);
        Assert.NotNull(interpreter.Pip);
    }

    [Fact]
    public void Without_pyenv_the_global_version_file_decides()
    {
        using var world = new FakePyenv();
        File.WriteAllText(world.Root.Combine("version"), "# global default\n3.9\n");

        Assert.Equal(world.Python("3.9"), BuildInterpreterLocator.FindPath(null, world.Host()));
    }

    [Fact]
    public void Without_pyenv_a_python_version_file_up_the_tree_wins_over_the_global_one()
    {
        using var world = new FakePyenv();
        File.WriteAllText(world.Root.Combine("version"), "3.9\n");
        world.Root.Write("work/.python-version", "3.10\n");
        Directory.CreateDirectory(world.Root.Combine("work", "deep", "er"));

        var path = BuildInterpreterLocator.FindPath(null, world.Host(cwd: world.Root.Combine("work", "deep", "er")));
        var interpreter = InterpreterProbe.Probe(path, world.Host());

        Assert.Equal(world.Python("3.10"), path);
        Assert.Equal(new Version(3, 10), new Version(interpreter.Version.Major, interpreter.Version.Minor));
    }

    [Fact]
    public void Without_pyenv_PYENV_VERSION_wins_and_may_list_fallbacks()
    {
        using var world = new FakePyenv();
        world.Root.Write("work/.python-version", "3.9\n");

        var path = BuildInterpreterLocator.FindPath(null, world.Host(cwd: world.Root.Combine("work"), pyenvVersion: "3.7.99:3.10"));

        Assert.Equal(world.Python("3.10"), path);
    }

    [Fact]
    public void Without_pyenv_the_system_version_is_the_next_python3_on_PATH()
    {
        using var world = new FakePyenv();
        var system = world.Root.Combine("system-bin");
        Directory.CreateDirectory(system);
        File.CreateSymbolicLink(Path.Combine(system, "python3"), TestPythons.Binary("3.11"));

        var path = BuildInterpreterLocator.FindPath(null, world.Host(pyenvVersion: "system", extraPath: system));

        Assert.Equal(Path.Combine(system, "python3"), path);
    }

    [Fact]
    public void Without_pyenv_a_version_that_is_not_installed_is_exit_69_naming_it()
    {
        using var world = new FakePyenv();

        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath(null, world.Host(pyenvVersion: "3.7.99")));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.Equal(
            $"pyenv shim {world.Root.Combine("shims", "python3")}: version 3.7.99 (set by PYENV_VERSION) has no python3 under {world.Root.Combine("versions")}; install it with pyenv or pass --python PATH",
            error.Message);
    }

    [Fact]
    public void A_script_in_a_shims_folder_that_only_mentions_pyenv_is_not_a_shim_and_is_run_as_it_is()
    {
        using var world = new FakePyenv();
        var wrapper = world.Root.Write("shims/python3", $"#!/bin/sh\n# a wrapper around a pyenv Python\nexec \"{TestPythons.Binary("3.11")}\" \"$@\"\n", executable: true);

        var path = BuildInterpreterLocator.FindPath(null, world.Host(pyenvVersion: "3.10"));
        var interpreter = BuildInterpreterLocator.Locate(null, world.Host(pyenvVersion: "3.10"));

        Assert.Equal(wrapper, path);
        Assert.Equal((3, 11), (interpreter.Version.Major, interpreter.Version.Minor));
    }

    [Fact]
    public void A_version_finds_an_installed_pyenv_version_that_is_not_selected()
    {
        using var cache = new TempDirectory("satchel-locate-facts");
        // pyenv's versions are installed, but neither its shims nor any version is on PATH or selected.
        var host = Host(new() { ["PATH"] = "/usr/bin:/bin", ["PYENV_ROOT"] = TestPythons.PyenvRoot });

        var minor = BuildInterpreterLocator.FindPath("3.9", host, factsCache: new CacheLayout(cache.Path));
        var exact = BuildInterpreterLocator.FindPath(Path.GetFileName(TestPythons.VersionDirectory("3.10")), host, factsCache: new CacheLayout(cache.Path));

        Assert.Equal(TestPythons.Binary("3.9"), minor);
        Assert.Equal(TestPythons.Binary("3.10"), exact);
    }

    [Fact]
    public void A_version_nothing_provides_is_exit_69_listing_what_was_found()
    {
        using var cache = new TempDirectory("satchel-locate-facts");
        var host = Host(new() { ["PATH"] = "/usr/bin:/bin", ["PYENV_ROOT"] = TestPythons.PyenvRoot });

        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath("3.14", host, factsCache: new CacheLayout(cache.Path)));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.StartsWith("--python 3.14: no Python 3.14 on PATH or in the usual places (pyenv, uv, /usr/local/bin, /usr/bin, /opt/python*/bin); found [1] ", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestPythons.Binary("3.9") + ": 3.9.", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; install Python 3.14 or pass --python PATH", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("2.7")]
    [InlineData("2")]
    public void A_version_too_old_to_build_with_is_a_usage_error_before_any_search(string version)
    {
        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath(version, Host(new() { ["PATH"] = "/nonexistent" })));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal($"--python {version}: builds need Python 3.8 or newer; pass 3.8 or a newer version", error.Message);
    }

    [Theory]
    [InlineData("3.9.")]
    [InlineData("==3.9")]
    [InlineData("3.9.*")]
    [InlineData("v3.9")]
    [InlineData("3.13.0rc1")]
    [InlineData("3.99999")]
    public void Something_meant_as_a_version_that_is_none_is_a_usage_error_saying_how_to_write_one(string python)
    {
        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath(python, Host(new() { ["PATH"] = "/usr/bin:/bin" })));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal($"--python '{python}' is neither a version nor a program; write a version as 3, 3.9 or 3.9.18 (the first installed interpreter of it is taken), a program name on PATH, or a path", error.Message);
    }

    [Fact]
    public void A_major_version_or_a_version_with_spaces_around_it_is_searched_for()
    {
        using var cache = new TempDirectory("satchel-locate-facts");
        var host = Host(new() { ["PATH"] = "/nonexistent", ["PYENV_ROOT"] = TestPythons.PyenvRoot });

        // "3": the first Python 3 that can build (3.8 or newer); pyenv's versions are listed newest first.
        var three = BuildInterpreterLocator.FindPath("3", host, factsCache: new CacheLayout(cache.Path));
        var spaced = BuildInterpreterLocator.FindPath(" 3.9 ", host, factsCache: new CacheLayout(cache.Path));

        Assert.Equal(3, InterpreterProbe.Probe(three, host).Version.Major);
        Assert.True(InterpreterProbe.Probe(three, host).Version >= new Version(3, 8));
        Assert.Equal(TestPythons.Binary("3.9"), spaced);
    }

    [Fact]
    public void A_version_keeps_an_activated_venv_found_on_PATH_as_a_name_would()
    {
        using var dir = new TempDirectory("satchel-locate-venv");
        using var cache = new TempDirectory("satchel-locate-facts");
        var venv = dir.Combine("v39");
        var made = ProcessRunner.Run(TestPythons.Binary("3.9"), ["-m", "venv", "--without-pip", venv]);
        Assert.True(made.ExitCode == 0, made.ToString());
        var host = Host(new() { ["PATH"] = $"{venv}/bin:/usr/bin:/bin", ["PYENV_ROOT"] = TestPythons.PyenvRoot });

        var path = BuildInterpreterLocator.FindPath("3.9", host, factsCache: new CacheLayout(cache.Path));

        Assert.StartsWith(Path.Combine(venv, "bin") + "/", path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shim_that_cannot_find_a_versioned_name_suggests_the_version()
    {
        using var world = new FakePyenv();
        world.Root.Write("shims/python3.9", $"#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT=\"{world.Root.Path}\"\nexec \"/nonexistent/libexec/pyenv\" exec \"python3.9\" \"$@\"\n", executable: true);

        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath("python3.9", world.Host(pyenvVersion: "3.10")));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.EndsWith("; install it with pyenv, pass --python 3.9 to use any installed Python 3.9, or pass --python PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_python_that_does_not_exist_is_exit_66()
    {
        using var temp = new TempDirectory("satchel-locate");

        var missing = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath(temp.Combine("bin", "python9"), Host(new() { ["PATH"] = "/usr/bin" })));
        var notOnPath = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.FindPath("python9.99", Host(new() { ["PATH"] = "/usr/bin:/bin" })));

        Assert.Equal(ExitCodes.NoInput, missing.ExitCode);
        Assert.Contains(temp.Combine("bin", "python9"), missing.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NoInput, notOnPath.ExitCode);
    }

    [Fact]
    public void No_python3_on_PATH_is_exit_69()
    {
        using var temp = new TempDirectory("satchel-locate");

        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.Locate(null, Host(new() { ["PATH"] = temp.Path })));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.Equal("no python3 on PATH to resolve dependencies with; install Python 3 or pass --python PATH", error.Message);
    }

    [Fact]
    public void Python_2_is_refused_by_its_version()
    {
        var python2 = Directory.EnumerateFiles(Path.Combine(TestPythons.PyenvRoot, "versions"), "python2.7", SearchOption.AllDirectories).First();

        var error = Assert.Throws<SatchelException>(() => InterpreterProbe.Probe(python2, HostEnvironment.Current));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.StartsWith("python 2.7.", error.Message, StringComparison.Ordinal);
        Assert.Contains("is too old: builds need Python 3.8 or newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_that_is_not_python_is_exit_69()
    {
        using var temp = new TempDirectory("satchel-locate");
        var fake = temp.Write("bin/python3", "#!/bin/sh\necho 'not a python'\n", executable: true);

        var error = Assert.Throws<SatchelException>(() => BuildInterpreterLocator.Locate(fake, HostEnvironment.Current));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.StartsWith($"{fake} did not run as a Python interpreter (exit 0: not a python)", error.Message, StringComparison.Ordinal);
    }

    private static HostEnvironment Host(Dictionary<string, string> variables, string? cwd = null) =>
        new(variables, cwd ?? Environment.CurrentDirectory);

    /// <summary>
    /// A pyenv root without pyenv itself: shims/python3 is a shim script, versions/ holds links to
    /// real interpreters of 3.9 and 3.10, and PATH has the shims but no pyenv command.
    /// </summary>
    private sealed class FakePyenv : IDisposable
    {
        public FakePyenv()
        {
            // The shape `pyenv rehash` writes: the root it belongs to, then pyenv exec.
            Root.Write("shims/python3", $"#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT=\"{Root.Path}\"\nexec \"/nonexistent/libexec/pyenv\" exec \"python3\" \"$@\"\n", executable: true);
            foreach (var minor in new[] { "3.9", "3.10" })
            {
                var bin = Root.Combine("versions", Path.GetFileName(TestPythons.VersionDirectory(minor)), "bin");
                Directory.CreateDirectory(bin);
                File.CreateSymbolicLink(Path.Combine(bin, "python3"), TestPythons.Binary(minor));
            }
        }

        public TempDirectory Root { get; } = new("satchel-pyenv");

        public string Python(string minor) => Root.Combine("versions", Path.GetFileName(TestPythons.VersionDirectory(minor)), "bin", "python3");

        public HostEnvironment Host(string? cwd = null, string? pyenvVersion = null, string? extraPath = null)
        {
            var variables = new Dictionary<string, string>
            {
                ["PATH"] = Root.Combine("shims") + (extraPath is null ? string.Empty : ":" + extraPath),
                ["PYENV_ROOT"] = Root.Path,
            };
            if (pyenvVersion is not null)
            {
                variables["PYENV_VERSION"] = pyenvVersion;
            }

            return new HostEnvironment(variables, cwd ?? Root.Path);
        }

        public void Dispose() => Root.Dispose();
    }
}
