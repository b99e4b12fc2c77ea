using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

/// <summary>
/// An interpreter without pip (a venv made with --without-pip) is usable when a --find-links
/// folder holds a pip wheel that runs on it: pip is run from inside the wheel. Otherwise the
/// build stops with exit 69 and says how to get pip.
/// </summary>
public sealed class PiplessInterpreterTests
{
    [Fact]
    public void Without_a_pip_wheel_the_build_stops_with_69_and_says_how_to_get_pip()
    {
        using var temp = new TempDirectory("satchel-nopip");
        var python = MakeVenvWithoutPip(temp, "3.12");
        var links = ChainWheels.Write(temp.Combine("links"));
        var interpreter = InterpreterProbe.Probe(python, HostEnvironment.Current);
        Assert.Null(interpreter.Pip);

        var error = Assert.Throws<SatchelException>(() => PipLocator.Select(interpreter, [links]));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.Equal(
            $"python {interpreter.VersionText} ({python}) has no pip; install it with `{python} -m ensurepip --upgrade`, put a pip wheel (pip 23.0 or newer) in a --find-links folder, or pass --python",
            error.Message);
    }

    [Fact]
    public void A_pip_wheel_that_does_not_support_the_interpreter_is_named_in_the_error()
    {
        using var temp = new TempDirectory("satchel-nopip");
        var python = MakeVenvWithoutPip(temp, "3.12");
        var links = temp.Combine("links");
        Directory.CreateDirectory(links);
        // Debian's pip 23.0.1 predates Python 3.12 support (it needs pkgutil.ImpImporter).
        File.Copy(TestPythons.DebianWheel("pip"), Path.Combine(links, Path.GetFileName(TestPythons.DebianWheel("pip"))));
        var interpreter = InterpreterProbe.Probe(python, HostEnvironment.Current);

        var error = Assert.Throws<SatchelException>(() => PipLocator.Select(interpreter, [links]));

        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
        Assert.Contains($"has no pip (pip-23.0.1-py3-none-any.whl does not run on it: exit 2: AttributeError: module 'pkgutil' has no attribute 'ImpImporter'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_newest_pip_wheel_that_runs_is_used_to_resolve()
    {
        using var temp = new TempDirectory("satchel-nopip");
        var python = MakeVenvWithoutPip(temp, "3.12");
        var links = ChainWheels.Write(temp.Combine("links"));
        var bundledPip = Path.Combine(links, Path.GetFileName(TestPythons.BundledWheel("pip")));
        File.Copy(TestPythons.BundledWheel("pip"), bundledPip);
        File.Copy(TestPythons.DebianWheel("pip"), Path.Combine(links, Path.GetFileName(TestPythons.DebianWheel("pip"))));
        var interpreter = InterpreterProbe.Probe(python, HostEnvironment.Current);

        var pip = PipLocator.Select(interpreter, [links]);
        var result = new PipResolver(pip).Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a"],
            ConstraintFiles = [temp.Write("constraints.txt", "b==1.0\n")],
            PackageSources = new() { FindLinks = [links], NoIndex = true },
        });

        Assert.Equal(bundledPip, pip.Wheel);
        Assert.Equal("23.2.1", pip.VersionText);
        // pip is only the tool here; it is not part of the resolved set.
        Assert.Equal(["a 1.0", "b 1.0", "c 0.5"], TestResolvers.Set(result));
    }

    [Fact]
    public void Debians_pip_wheel_runs_a_python_3_11_without_pip_through_a_local_project_build()
    {
        using var temp = new TempDirectory("satchel-nopip");
        var python = MakeVenvWithoutPip(temp, "3.11");
        var project = SampleProject.Write(temp);
        var links = ChainWheels.Write(temp.Combine("links"));
        var bootstrap = TestPythons.BootstrapFindLinks(temp.Combine("bootstrap"));
        File.Copy(TestPythons.DebianWheel("pip"), Path.Combine(bootstrap, Path.GetFileName(TestPythons.DebianWheel("pip"))));
        var interpreter = InterpreterProbe.Probe(python, HostEnvironment.Current);

        var pip = PipLocator.Select(interpreter, [links, bootstrap]);
        var result = new PipResolver(pip).Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            LocalProjects = [project],
            PackageSources = new() { FindLinks = [links, bootstrap], NoIndex = true },
        });

        Assert.Equal("23.0.1", pip.VersionText);
        Assert.Equal(["a 1.0", "b 2.0", "c 0.5", "my-app 0.3.0"], TestResolvers.Set(result));
        Assert.True(result.Find("my-app")!.Built);
    }

    [Fact]
    public void Pyproject_is_read_before_python_3_11_with_the_tomli_inside_a_pip_wheel()
    {
        using var temp = new TempDirectory("satchel-nopip");
        var python = MakeVenvWithoutPip(temp, "3.8");
        var project = SampleProject.Write(temp);
        var interpreter = InterpreterProbe.Probe(python, HostEnvironment.Current);

        var withoutParser = Assert.Throws<SatchelException>(() => new ProjectMetadataReader(interpreter).Read(project));
        var metadata = new ProjectMetadataReader(interpreter, TestPythons.DebianWheel("pip")).Read(project);

        Assert.Equal(ExitCodes.Unavailable, withoutParser.ExitCode);
        Assert.Contains("has neither tomllib nor pip's tomli", withoutParser.Message, StringComparison.Ordinal);
        Assert.Equal("My_App", metadata.Name);
        Assert.Equal("my-app", metadata.Satchel!.Value.GetProperty("console-script").GetString());
    }

    private static string MakeVenvWithoutPip(TempDirectory temp, string minor)
    {
        var venv = temp.Combine("venv");
        var made = ProcessRunner.Run(TestPythons.Binary(minor), ["-m", "venv", "--without-pip", venv]);
        Assert.True(made.ExitCode == 0, made.ToString());
        return Path.Combine(venv, "bin", "python");
    }
}
