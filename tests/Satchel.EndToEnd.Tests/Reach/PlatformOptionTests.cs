using Satchel.Runtime.Platforms;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reach;

/// <summary>
/// `--platform` on the build machine, without running the result: which launcher goes in front,
/// which wheels pip may take and what it refuses, for a linux-aarch64 app built on x86_64
/// (docs/resolution.md#building-for-another-platform). The apps run under qemu in <see cref="LinuxAarch64Tests"/>.
/// </summary>
public sealed class PlatformOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-platform");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("pack")]
    [InlineData("build")]
    public void An_unknown_platform_is_a_usage_error_listing_the_known_ones(string command)
    {
        _dir.Write("src/run.sh", "#!/bin/sh\n", executable: true);
        string[] args = command == "pack"
            ? ["pack", _dir.Combine("src"), "--entry", "run.sh", "--platform", "linux-arm64", "-o", _dir.Combine("app")]
            : ["build", "--sources", _dir.Combine("src"), "-m", "run", "--platform", "linux-arm64", "-o", _dir.Combine("app")];

        var result = SatchelCli.Run(args);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("--platform 'linux-arm64' is not a platform satchel builds for (did you mean `linux-aarch64`?); known: linux-x86_64, linux-aarch64", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("app")));
    }

    [Fact]
    public void A_pack_for_aarch64_starts_with_the_aarch64_launcher_and_inspect_says_so()
    {
        _dir.Write("src/run.sh", "#!/bin/sh\necho hi\n", executable: true);
        var app = _dir.Combine("app");

        var pack = SatchelCli.Run(["pack", _dir.Combine("src"), "--entry", "run.sh", "--platform", "linux-aarch64", "-o", app, "-q"]);

        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.Equal(TargetPlatform.LinuxAarch64.ElfMachine, ExecutableFormat.ElfMachine(app));
        var launcher = File.ReadAllBytes(SatchelCli.LauncherFor("linux-arm64"));
        Assert.Equal(launcher, File.ReadAllBytes(app).AsSpan(0, launcher.Length).ToArray());
        var inspect = SatchelCli.Run(["inspect", app, "--json"]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Contains("\"platform\": \"linux-aarch64\"", inspect.StdOut, StringComparison.Ordinal);

        var native = _dir.Combine("native");
        Assert.Equal(0, SatchelCli.Run(["pack", _dir.Combine("src"), "--entry", "run.sh", "-o", native, "-q"]).ExitCode);
        Assert.Contains("\"platform\": \"linux-x86_64\"", SatchelCli.Run(["inspect", native, "--json"]).StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_launcher_for_another_machine_than_the_target_is_refused()
    {
        _dir.Write("src/run.sh", "#!/bin/sh\n", executable: true);

        var result = SatchelCli.Run(["pack", _dir.Combine("src"), "--entry", "run.sh", "--launcher", SatchelCli.LauncherFor("linux-arm64"), "-o", _dir.Combine("app")]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("is for linux-aarch64, but the app is for linux-x86_64", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("app")));
    }

    [Fact]
    public void A_wheel_only_for_x86_64_is_refused_by_pip_naming_the_distribution_and_the_platform()
    {
        var wheels = _dir.Combine("wheels");
        new WheelBuilder("fastonly", "1.0") { Tag = "cp311-cp311-manylinux_2_17_x86_64" }
            .AddFile("fastonly/__init__.py", "")
            .Build(wheels);

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", wheels, "fastonly", "-m", "fastonly",
            "--platform", "linux-aarch64", "-o", _dir.Combine("app")]);

        Assert.True(result.ExitCode == 65, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("satchel: ", StringComparison.Ordinal) && l.Contains("pip failed", StringComparison.Ordinal));
        Assert.Contains("for linux-aarch64 (CPython 3.11)", line, StringComparison.Ordinal);
        Assert.Contains("No matching distribution found for fastonly", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("app")));
    }

    [Fact]
    public void A_pure_local_project_is_built_here_and_its_binary_dependency_comes_for_the_target()
    {
        var links = _dir.Combine("links");
        BuildBackendWheels.FindLinks(links);
        new WheelBuilder("nativedep", "1.0") { Tag = "cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64" }
            .AddFile("nativedep/__init__.py", "")
            .AddFile("nativedep/_speed.cpython-311-aarch64-linux-gnu.so", "not loaded at build time")
            .Build(links);
        new WheelBuilder("nativedep", "1.0") { Tag = "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64" }
            .AddFile("nativedep/__init__.py", "")
            .Build(links);
        WriteProject("pureproj", "nativedep", ext: false);
        var app = _dir.Combine("app");

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", links, _dir.Combine("pureproj"),
            "-m", "pureproj", "--platform", "linux-aarch64", "-o", app, "-q"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var inspect = SatchelCli.Run(["inspect", app, "--json"]);
        Assert.Contains("\"platform\": \"linux-aarch64\"", inspect.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"requirement\": \"==3.11.*;machine=aarch64\"", inspect.StdOut, StringComparison.Ordinal);
        var extract = SatchelCli.Run(["extract", app, _dir.Combine("tree")]);
        Assert.True(extract.ExitCode == 0, extract.ToString());
        Assert.True(File.Exists(_dir.Combine("tree", "wheels", "nativedep-1.0", "site-packages", "nativedep", "_speed.cpython-311-aarch64-linux-gnu.so")),
            "the aarch64 wheel of nativedep was not the one packed");
    }

    [Fact]
    public void A_local_project_with_compiled_code_is_refused_naming_it()
    {
        var links = _dir.Combine("links");
        BuildBackendWheels.FindLinks(links);
        WriteProject("binproj", dependency: null, ext: true);

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", links, _dir.Combine("binproj"),
            "-m", "binproj", "--platform", "linux-aarch64", "-o", _dir.Combine("app")]);

        Assert.True(result.ExitCode == 65, result.ToString());
        Assert.Contains("the local project binproj built into binproj-1.0-cp311-cp311-linux_x86_64.whl, which has compiled code for this machine, not for linux-aarch64 (CPython 3.11)", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("app")));
    }

    [Fact]
    public void A_bundled_python_for_another_machine_is_refused_from_its_elf_header()
    {
        // A tree laid out like python-build-standalone's, with this machine's (x86_64) Python in it.
        var tree = _dir.Combine("python");
        Directory.CreateDirectory(Path.Combine(tree, "bin"));
        File.Copy(RealPythons.Python311, Path.Combine(tree, "bin", "python3.11"));
        _dir.Write("python/lib/python3.11/os.py", File.ReadAllText(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(RealPythons.Python311)!)!, "lib", "python3.11", "os.py")));
        _dir.Write("src/hello.py", "print('hi')\n");

        var result = SatchelCli.Run(["build", "--bundle-python", tree, "--sources", _dir.Combine("src"), "-m", "hello",
            "--platform", "linux-aarch64", "-o", _dir.Combine("app")]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains($"--bundle-python {tree}: bin/python3.11 is built for linux-x86_64, but the app is for linux-aarch64", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("app")));
    }

    /// <summary>A setuptools project; with <paramref name="ext"/> its wheel claims compiled code (tagged for this machine) without a compiler.</summary>
    private void WriteProject(string name, string? dependency, bool ext)
    {
        _dir.Write($"{name}/pyproject.toml", "[build-system]\nrequires = [\"setuptools\", \"wheel\"]\nbuild-backend = \"setuptools.build_meta\"\n");
        _dir.Write($"{name}/setup.py", $$"""
            from setuptools import setup
            from setuptools.dist import Distribution

            class Binary(Distribution):
                def has_ext_modules(self):
                    return {{(ext ? "True" : "False")}}

            setup(name="{{name}}", version="1.0", packages=["{{name}}"], install_requires={{(dependency is null ? "[]" : $"[\"{dependency}\"]")}}, distclass=Binary)
            """);
        _dir.Write($"{name}/{name}/__init__.py", "");
        _dir.Write($"{name}/{name}/__main__.py", "print('hello')\n");
    }
}
